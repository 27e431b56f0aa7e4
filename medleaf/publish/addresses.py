"""The HTML twin's address scheme, for the site: defined in content/addresses.py, below the
render stage, so that the QR code each PDF prints is made from the same scheme."""

from medleaf.content.addresses import page_address, page_path, pdf_path

__all__ = ["page_address", "page_path", "pdf_path"]
