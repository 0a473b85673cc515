"""Clean: separate the story from page furniture and captions, keeping an offset map."""

from chronicle.clean.cleaner import Cleaned, OffsetMap, clean

__all__ = ["Cleaned", "OffsetMap", "clean"]
