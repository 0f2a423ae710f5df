"""Admin forms that check uploads by content (media.validation) before Wagtail sees the file.

Wired through WAGTAILIMAGES_IMAGE_FORM_BASE / WAGTAILDOCS_DOCUMENT_FORM_BASE, so the single, multiple
and chooser upload views all use them; the Video snippet uses VideoForm through its viewset.
"""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from media.validation import (
    UploadKind,
    allowed_document_extensions,
    allowed_image_extensions,
    human_size,
    max_upload_bytes,
    validate_upload,
)


def _formats(extensions) -> str:
    return "、".join(ext.upper() for ext in extensions)


class ValidatedImageField(WagtailImageField):
    """Wagtail's image field, with our content checks (and Chinese messages) run first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = max_upload_bytes(UploadKind.IMAGE)
        self.max_upload_size_text = human_size(self.max_upload_size)
        self.help_text = (
            f"支持 {_formats(allowed_image_extensions())}，不超过 {self.max_upload_size_text}；出于安全考虑不接受 SVG。"
        )
        self.error_messages["file_too_large_unknown_size"] = f"文件太大，图片不能超过 {self.max_upload_size_text}。"
        self.error_messages["invalid_image_extension"] = (
            f"不支持的图片格式，请上传 {_formats(allowed_image_extensions())}。"
        )

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_upload(upload, UploadKind.IMAGE)
        return super().to_python(data)


class ValidatedDocumentField(WagtailDocumentField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = max_upload_bytes(UploadKind.DOCUMENT)
        self.max_upload_size_text = human_size(self.max_upload_size)
        self.help_text = f"支持 {_formats(allowed_document_extensions())}，不超过 {self.max_upload_size_text}。"
        self.error_messages["file_too_large_unknown_size"] = f"文件太大，文档不能超过 {self.max_upload_size_text}。"

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_upload(upload, UploadKind.DOCUMENT)
        return super().to_python(data)


def _replace_file_field(form: forms.BaseForm, field_class: type[forms.FileField]) -> None:
    current = form.fields.get("file")
    if current is None:  # the multiple-upload edit form has no file field
        return
    form.fields["file"] = field_class(label=current.label, required=current.required, widget=current.widget)


class UnionImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _replace_file_field(self, ValidatedImageField)


class UnionDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _replace_file_field(self, ValidatedDocumentField)


class VideoForm(WagtailAdminModelForm):
    """Accepts only real MP4/WebM files and records their type and size; the poster is an optional image."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked_upload = None
        field = self.fields.get("file")
        if field is not None:
            limit = human_size(max_upload_bytes(UploadKind.VIDEO))
            field.help_text = f"支持 MP4、WebM，不超过 {limit}。"
            field.widget.attrs.setdefault("accept", "video/mp4,video/webm,.mp4,.webm")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.checked_upload = validate_upload(upload, UploadKind.VIDEO)
        return upload

    def save(self, commit=True):
        video = self.instance
        if self.checked_upload is not None:
            video.mime_type = self.checked_upload.mime_type
            video.file_size = self.checked_upload.size
        user = getattr(self, "for_user", None)
        if video.pk is None and video.uploaded_by_id is None and user is not None and user.is_authenticated:
            video.uploaded_by = user
        previous = self.initial.get("file") if self.checked_upload is not None and video.pk else None
        video = super().save(commit=commit)
        if commit and previous and previous.name != video.file.name:
            previous.storage.delete(previous.name)  # the replaced video would otherwise stay on disk forever
        return video
