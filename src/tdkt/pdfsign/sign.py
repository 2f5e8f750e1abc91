"""Signing a PDF (ký số) with pyHanko: a PAdES signature from a PKCS#12 file, as an incremental
update (what was there before stays byte for byte, so earlier signatures stay valid), with a
visible stamp — the signer's name, position, agency and time — and an RFC 3161 timestamp when a
TSA is configured. Where the stamp goes is the caller's (NĐ 30/2020/NĐ-CP, Phụ lục I):
:func:`locate_text` finds a line of the rendered document, e.g. the signer's name."""

from __future__ import annotations

import html
import io
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTFont
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.stamp import TextStamp, TextStampStyle

from tdkt.errors import InvalidInput

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" on every stamp

#: what signs: a key file's key (SimpleSigner) or a token's (PKCS11Signer)
Signer = signers.Signer

__all__ = ["Signer", "Stamp", "sign_pdf", "load_signer", "locate_text", "page_count", "page_size", "print_line"]

#: fonts with Vietnamese glyphs, first found wins (Debian: fonts-dejavu-core, fonts-liberation2)
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


class _Per1000Glyphs(GlyphAccumulator):
    """pyHanko writes a TrueType font's glyph widths in the font's own units (2048 per em for
    DejaVu and Liberation) where PDF wants 1/1000 em, which spreads the stamp's letters apart;
    shaping at 1000 units per em keeps widths and advances in the same, PDF's, units."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._own_upem = self.units_per_em
        self.units_per_em = 1000
        self.hb_font.scale = (1000, 1000)

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        if glyph_id in self._glyphs:  # cached: scaled already
            return self._glyphs[glyph_id]
        cid, width = super()._get_cid_and_width(glyph_id)
        self._glyphs[glyph_id] = scaled = cid, round(width * 1000 / self._own_upem)  # what /W is built from
        return scaled


#: what a stamp prints: Latin letters with Vietnamese diacritics, digits, punctuation
_VIETNAMESE = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370), *range(0x1EA0, 0x1F00),
               *range(0x2010, 0x2030)]


@lru_cache(maxsize=4)
def _vietnamese_subset(font_file: str) -> bytes:
    """The font cut down once to what Vietnamese needs (no hinting): pyHanko subsets the font of
    every stamp again, which on the whole of DejaVu Sans costs most of a signature's time."""
    font = TTFont(font_file)
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.layout_features = []  # NFC text: Vietnamese letters are precomposed glyphs, nothing to shape
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_VIETNAMESE)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _Per1000Factory(GlyphAccumulatorFactory):
    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _Per1000Glyphs(writer=writer, font_handle=io.BytesIO(_vietnamese_subset(self.font_file)),
                              font_size=self.font_size,
                              ot_script_tag=self.ot_script_tag, ot_language_tag=self.ot_language_tag,
                              writing_direction=self.writing_direction, bcp47_lang_code=self.bcp47_lang_code,
                              obj_stream=obj_stream)


@dataclass(frozen=True)
class Stamp:
    """A visible signature: ``page`` 0-based (negative: from the end), ``box`` (x1, y1, x2, y2)
    in points from the bottom left, ``text`` its lines."""

    page: int
    box: tuple[int, int, int, int]
    text: str
    color: tuple[float, float, float] = (0.0, 0.0, 0.6)


def _font(font: Path | None) -> Path | None:
    if font is not None:
        return font
    return next((Path(p) for p in FONT_CANDIDATES if Path(p).exists()), None)


def _ascii(text: str) -> str:
    """Without a font holding Vietnamese glyphs, the standard Courier gets the letters unaccented."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def page_count(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def page_size(pdf: bytes, page: int = 0) -> tuple[float, float]:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    box = reader.root["/Pages"]["/Kids"][page].get_object()["/MediaBox"]
    return float(box[2]), float(box[3])


def load_signer(p12: bytes, password: str) -> signers.SimpleSigner:
    """The key and certificate of a PKCS#12 file, for several signatures in a row (a batch)."""
    try:
        return signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=password.encode("utf-8"))
    except ValueError:
        raise InvalidInput("Không mở được tệp chứng thư số (PKCS#12): sai mật khẩu hoặc tệp không hợp lệ.",
                           "cannot open PKCS#12") from None


def sign_pdf(pdf: bytes, p12: bytes, password: str, *, field: str, stamp: Stamp | None, reason: str,
             location: str = "", signer_name: str = "", font: Path | None = None, tsa_url: str = "",
             signer: signers.Signer | None = None) -> bytes:
    """``pdf`` signed with the key of ``p12`` (or a ``signer`` loaded once) as a new incremental update."""
    signer = signer or load_signer(p12, password)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception:  # noqa: BLE001 — pyHanko raises several kinds for a broken file
        raise InvalidInput("Tệp không phải PDF hợp lệ.", "not a PDF") from None
    meta = signers.PdfSignatureMetadata(field_name=field, reason=reason, location=location or None,
                                        name=signer_name or None, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    spec, style = None, None
    params: dict[str, str] | None = None
    if stamp is not None:
        pages = int(writer.root["/Pages"]["/Count"])
        spec = fields.SigFieldSpec(sig_field_name=field, on_page=stamp.page % pages, box=stamp.box)
        font_file = _font(font)
        text = stamp.text if font_file is not None else _ascii(stamp.text)
        box_style = (TextBoxStyle(font=_Per1000Factory(str(font_file), font_size=8), font_size=8, leading=10,
                                  text_color=stamp.color) if font_file is not None
                     else TextBoxStyle(font_size=8, leading=10, text_color=stamp.color))
        style = TextStampStyle(stamp_text=text.replace("%", "%%"), text_box_style=box_style,
                               border_width=1, border_color=stamp.color)
        params = {}
    timestamper = HTTPTimeStamper(tsa_url) if tsa_url else None
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style,
                                   new_field_spec=spec)
    out = pdf_signer.sign_pdf(writer, appearance_text_params=params)
    return bytes(out.getvalue())


def print_line(pdf: bytes, text: str, *, page: int = 0, at: tuple[int, int] = (40, 14),
               font: Path | None = None) -> bytes:
    """``pdf`` with one line of small text printed on ``page`` at ``at`` (points from the bottom
    left) as an incremental update, before anyone signs it: the document's lookup code (mã tra
    cứu) and where to check it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    font_file = _font(font)
    box_style = (TextBoxStyle(font=_Per1000Factory(str(font_file), font_size=7), font_size=7, leading=9)
                 if font_file is not None else TextBoxStyle(font_size=7, leading=9))
    style = TextStampStyle(stamp_text=(text if font_file is not None else _ascii(text)).replace("%", "%%"),
                           text_box_style=box_style, border_width=0)
    TextStamp(writer, style, text_params={}).apply(page, *at)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


Word = tuple[str, float, float, float, float]  # text, x0, y0, x1, y1 in points from the bottom left


def _pages(pdf: bytes) -> list[tuple[float, float, list[Word]]]:
    """Each page's width, height and words, from poppler's ``pdftotext -bbox``; empty when it is
    not installed."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return []
    with tempfile.TemporaryDirectory(prefix="tdkt-locate-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        run = subprocess.run([binary, "-bbox", str(src), "-"], capture_output=True, timeout=60, check=False)
    if run.returncode != 0:
        return []
    pages = []
    for chunk in run.stdout.decode("utf-8", "replace").split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        width, height = (float(size.group(1)), float(size.group(2))) if size else (595.0, 842.0)
        pages.append((width, height, [(unicodedata.normalize("NFC", html.unescape(m.group(5))), float(m.group(1)),
                                       height - float(m.group(4)), float(m.group(3)), height - float(m.group(2)))
                                      for m in _WORD.finditer(chunk)]))
    return pages


def locate_text(pdf: bytes, needle: str) -> list[tuple[int, tuple[float, float, float, float], float, float]]:
    """Where ``needle`` (a few words) is printed: each occurrence's page (0-based), its box in
    points from the bottom left, the page's width, and the free space above it (to the nearest
    word over the same columns, or the page's top). Empty without poppler's ``pdftotext``."""
    words = unicodedata.normalize("NFC", needle).split()
    found = []
    for index, (width, height, page_words) in enumerate(_pages(pdf) if words else []):
        texts = [w[0] for w in page_words]
        for i in range(len(page_words) - len(words) + 1):
            if texts[i:i + len(words)] == words:
                first, last = page_words[i], page_words[i + len(words) - 1]
                x0, y0, x1, y1 = first[1], first[2], last[3], first[4]
                above = [w[2] for w in page_words if w[2] >= y1 - 0.5 and w[1] < x1 + 60 and w[3] > x0 - 60
                         and w not in page_words[i:i + len(words)]]
                found.append((index, (x0, y0, x1, y1), width, (min(above) if above else height) - y1))
    return found
