"""POST an image to /thumbnails/ and get a JPEG thumbnail of it back.

The thumbnail is stored in media storage with a row in PostgreSQL; Redis remembers which
row belongs to which upload, and the X-Cache header says whether it did.
"""

import hashlib
import io

import humanize
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from example.models import Thumbnail

THUMBNAIL_SIZE = (128, 128)


@csrf_exempt
@require_POST
def create_thumbnail(request):
    upload = request.FILES.get("image")
    if upload is None:
        return HttpResponseBadRequest("POST the image as the multipart field 'image'\n")
    source = upload.read()
    digest = hashlib.sha256(source).hexdigest()

    cache_key = f"thumbnail:{digest}"
    thumbnail = Thumbnail.objects.filter(pk=cache.get(cache_key)).first()
    cache_status = "hit" if thumbnail else "miss"
    if thumbnail is None:
        thumbnail = Thumbnail.objects.filter(source_sha256=digest).first()
    if thumbnail is None:
        try:
            thumbnail = make_thumbnail(source, digest)
        except UnidentifiedImageError:
            return HttpResponseBadRequest("'image' is not an image Pillow can read\n")
    cache.set(cache_key, thumbnail.pk)

    response = FileResponse(thumbnail.image.open("rb"), content_type="image/jpeg")
    response["X-Cache"] = cache_status
    response["X-Thumbnail-Size"] = humanize.naturalsize(thumbnail.image.size)
    return response


def make_thumbnail(source: bytes, digest: str) -> Thumbnail:
    image = Image.open(io.BytesIO(source))
    image.thumbnail(THUMBNAIL_SIZE)
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, format="JPEG", quality=85, optimize=True)

    thumbnail = Thumbnail(source_sha256=digest)
    thumbnail.image.save(f"{digest}.jpg", ContentFile(jpeg.getvalue()))
    return thumbnail
