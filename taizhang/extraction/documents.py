"""Read an uploaded or given policy document into text (issue 5 §1: a .txt or .docx file).

The text returned is what the extraction kernel's offsets point into, so the CLI and the review pages read a
file only through here. Errors are ValueError with a Chinese message the caller shows as it is.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

SUPPORTED = (".txt", ".docx")


def read_document(data: bytes, filename: str) -> str:
    """The text of a .txt (UTF-8, else GB18030) or .docx (its paragraphs joined with "\\n") document."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".txt":
        return _read_text(data, filename)
    if suffix == ".docx":
        return _read_docx(data, filename)
    raise ValueError(f"不支持的文件类型“{suffix or filename}”：请上传 .txt 或 .docx 文件。")


def _read_text(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Older Windows tools save Chinese text as GBK; GB18030 is its superset.
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError(
            f"无法识别文件“{filename}”的编码：请另存为 UTF-8 或 GB18030 编码的文本文件。"
        ) from None


def _read_docx(data: bytes, filename: str) -> str:
    import docx  # python-docx, a project dependency; imported here so reading .txt needs nothing more
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ValueError(
            f"无法读取 Word 文件“{filename}”：文件已损坏或不是 .docx 格式（{exc.__class__.__name__}）。"
        ) from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
