from .body import BodyBlock, CalloutBlock, HeadingBlock, ImageBlock, QuoteBlock, VideoBlock

__all__ = ["BodyBlock", "CalloutBlock", "HeadingBlock", "ImageBlock", "QuoteBlock", "VideoBlock"]
