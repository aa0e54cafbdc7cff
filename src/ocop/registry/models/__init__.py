from ocop.registry.models.producers import Credential, Linkage, Producer, ProducerAddress, Workforce
from ocop.registry.models.products import Product, ProductPhoto, ProductSet

__all__ = [
    "Credential",
    "Linkage",
    "Producer",
    "ProducerAddress",
    "Product",
    "ProductPhoto",
    "ProductSet",
    "Workforce",
]
