"""Files follow their records: a deleted photo's file is removed once the deletion is committed."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ocop.registry.models import ProductPhoto


@receiver(post_delete, sender=ProductPhoto, dispatch_uid="ocop_delete_photo_file")
def delete_photo_file(sender: type[ProductPhoto], instance: ProductPhoto, **kwargs: Any) -> None:
    if instance.image and instance.image.name:
        storage, name = instance.image.storage, instance.image.name
        transaction.on_commit(lambda: storage.delete(name))
