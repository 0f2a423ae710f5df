"""Media API: images only as renditions, documents through the download view, nothing from private collections."""

from wagtail.models import Collection, CollectionViewRestriction

from media.factories import DocumentFactory, ImageFactory, VideoFactory


def results(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def private_collection(name: str) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def test_images_are_listed_as_webp_renditions_without_the_original(home, client):
    image = ImageFactory(title="职工运动会", caption="拔河比赛", credit="宣传部")

    [item] = results(client, "/api/v1/images/")

    assert (item["title"], item["alt"], item["credit"]) == ("职工运动会", "拔河比赛", "宣传部")
    assert all(r["url"].startswith("http://testserver/") for r in item["renditions"].values())
    assert all(r["url"].endswith(".webp") for r in item["renditions"].values())
    assert item["renditions"]["thumbnail"]["width"] <= 320
    assert "file" not in item
    assert image.file.url not in str(item)


def test_documents_are_downloaded_through_wagtails_serve_view(home, client):
    document = DocumentFactory(title="困难职工帮扶办法")

    [item] = results(client, "/api/v1/documents/")

    assert item["title"] == "困难职工帮扶办法"
    assert item["file_extension"] == "txt"
    assert item["download_url"] == f"http://testserver/documents/{document.pk}/{document.filename}"
    download = client.get(item["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == "工会文档正文".encode()


def test_documents_filter_by_extension(home, client):
    text = DocumentFactory()

    assert [d["id"] for d in results(client, "/api/v1/documents/?extension=txt")] == [text.pk]
    assert results(client, "/api/v1/documents/?extension=pdf") == []


def test_videos_show_their_file_and_poster_renditions(home, client):
    video = VideoFactory(title="安全操作规程讲解", poster=ImageFactory(), duration_seconds=300)

    [item] = results(client, "/api/v1/videos/")

    assert item["title"] == "安全操作规程讲解"
    assert item["url"] == f"http://testserver{video.file.url}"
    assert item["mime_type"] == "video/mp4"
    assert item["duration_seconds"] == 300
    assert item["poster"]["renditions"]["medium"]["url"].endswith(".webp")


def test_media_in_a_private_collection_is_not_listed(home, client):
    hidden = private_collection("内部资料")
    inner = hidden.add_child(name="内部资料·子库")
    ImageFactory(collection=inner)
    DocumentFactory(collection=hidden)
    VideoFactory(collection=hidden)
    public_image = ImageFactory()

    assert [i["id"] for i in results(client, "/api/v1/images/")] == [public_image.pk]
    assert results(client, "/api/v1/documents/") == []
    assert results(client, "/api/v1/videos/") == []
    document = DocumentFactory(collection=hidden)
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404


def test_a_collection_filter_includes_its_child_collections(home, client):
    branch = Collection.get_first_root_node().add_child(name="一号煤矿分工会")
    unit = branch.add_child(name="综采一队工会")
    in_branch = ImageFactory(collection=branch)
    in_unit = ImageFactory(collection=unit)
    ImageFactory()

    listed = {i["id"] for i in results(client, f"/api/v1/images/?collection={branch.pk}")}

    assert listed == {in_branch.pk, in_unit.pk}
