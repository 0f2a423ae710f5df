"""Valid personal data and files for request submissions in tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from workflows.validators import id_card_check_code


def id_number(prefix17: str = "14010219850312001") -> str:
    return prefix17 + id_card_check_code(prefix17)


def pdf_file(name: str = "证明.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    body += b"trailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
