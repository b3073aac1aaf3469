"""The school's printed documents, certificates and receipts, drawn in one
place so that both look like Infinite Studio's: the same letterhead, type
and colours.

The type is Roboto from the ``font-roboto`` wheel (the seed's title cards
use it too), embedded in each document, because fpdf2's core fonts know
Latin-1 only and a course or asset title may be written in Greek, Cyrillic
or Latin beyond it. A character Roboto has no glyph for (CJK, emoji) prints
as "?", where fpdf2 would silently leave a gap.

Drawing one takes about 50 ms of CPU (most of it reading and subsetting the
font); callers in an event loop run it in a worker thread. Today the
gateway draws both (gateway/documents.py says why there); the module is in
``shared`` so that a service mailing them can attach the same documents.
"""

import logging
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

SCHOOL = "Infinite Studio"
TAGLINE = "The school of AI filmmaking"

# The web app's palette (web/src/styles.css), on paper: its dark ground for
# the letterhead, its blue and orange for accents, darker greys for text.
INK = (7, 8, 12)
BLUE = (47, 123, 255)
ORANGE = (255, 106, 26)
TEXT = (20, 23, 31)
MUTED = (96, 104, 122)
RULE = (214, 219, 228)
ON_INK = (238, 241, 247)
MUTED_ON_INK = (160, 168, 186)

FONT = "Roboto"
MISSING_GLYPH = "?"

# fontTools logs each step of subsetting the font at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _font_file(style: str) -> str:
    import font_roboto

    return str(Path(font_roboto.__file__).parent / "files" / f"Roboto-{style}.ttf")


def _long_date(value: datetime) -> str:
    value = value.astimezone(timezone.utc)
    return f"{value.day} {value:%B %Y}"


def _dollars(amount) -> str:
    return f"${Decimal(amount):,.2f}"


class _Document(FPDF):
    """A page of the school's: the letterhead band on top, Roboto throughout."""

    def __init__(self, title: str, kind: str, orientation: str):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.kind = kind
        self.add_font(FONT, "", _font_file("Regular"))
        self.add_font(FONT, "B", _font_file("Bold"))
        self.set_title(f"{SCHOOL}: {title}")
        self.set_author(SCHOOL)
        self.set_creator(SCHOOL)
        self.set_margins(20, 20, 20)

    def header(self):
        self.set_fill_color(*INK)
        self.rect(0, 0, self.w, 24, style="F")
        self.set_fill_color(*BLUE)
        self.rect(0, 24, self.w, 1.2, style="F")
        self.set_xy(self.l_margin, 7)
        self.style(size=15, bold=True, color=ON_INK, spacing=1.2)
        self.cell(text=SCHOOL.upper())
        self.style(size=9, color=ORANGE, spacing=0.8)
        self.set_xy(self.l_margin, 7)
        self.cell(w=self.epw, h=6, text=self.kind.upper(), align=Align.R)
        self.style(size=9, color=MUTED_ON_INK)
        self.set_xy(self.l_margin, 13)
        self.cell(w=self.epw, h=6, text=TAGLINE, align=Align.R)
        self.set_y(40)

    def style(self, size: float, bold: bool = False, color=TEXT, spacing: float = 0):
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.set_char_spacing(spacing)

    def printable(self, text: str) -> str:
        cmap = self.current_font.cmap
        return "".join(ch if ord(ch) in cmap else MISSING_GLYPH for ch in str(text))

    def clipped(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width`` in the current font."""
        text = self.printable(text)
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def line_of(self, text: str, h: float, align=Align.C, link: str = "", **style):
        """One line of ``text`` across the page, in ``style``, then the next line."""
        self.style(**style)
        self.cell(
            w=self.epw, h=h, text=self.printable(text), align=align, link=link,
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )

    def fitted(self, text: str, sizes: range, lines: int, h_ratio: float = 0.5, **style):
        """``text`` centred on at most ``lines`` lines, at the largest of
        ``sizes`` (points) that holds it; cut with an ellipsis past the smallest."""
        text = self.printable(text)
        for size in sizes:
            self.style(size=size, **style)
            wrapped = self.multi_cell(w=self.epw, text=text, dry_run=True, output="LINES")
            if len(wrapped) <= lines:
                break
        else:
            wrapped = wrapped[: lines - 1] + [wrapped[lines - 1].rstrip() + "…"]
        for line in wrapped:
            self.cell(w=self.epw, h=size * h_ratio, text=line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rule(self, gap: float = 4):
        self.ln(gap)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(gap)


def certificate(
    *, learner_name: str, course_title: str, completed_at: datetime, code: str, verify_url: str
) -> bytes:
    """A one-page certificate of completion (A4, landscape)."""
    pdf = _Document(f"Certificate {code}", "Certificate of completion", orientation="L")
    pdf.set_auto_page_break(False)  # one page, whatever the title
    pdf.add_page()
    pdf.set_y(50)
    pdf.line_of("CERTIFICATE OF COMPLETION", 10, size=13, bold=True, color=ORANGE, spacing=2.5)
    pdf.ln(8)
    pdf.line_of("This certifies that", 8, size=13, color=MUTED)
    pdf.ln(3)
    pdf.fitted(learner_name, range(34, 17, -2), lines=1, bold=True)
    pdf.ln(3)
    pdf.line_of("has completed the course", 8, size=13, color=MUTED)
    pdf.ln(4)
    pdf.fitted(course_title, range(26, 13, -2), lines=2, bold=True, color=BLUE)
    pdf.ln(6)
    pdf.line_of(f"Completed on {_long_date(completed_at)}", 8, size=13)

    pdf.set_y(pdf.h - 40)
    pdf.rule(0)
    pdf.ln(2)
    pdf.line_of("Certificate code", 6, align=Align.L, size=9, color=MUTED)
    pdf.line_of(code, 8, align=Align.L, size=15, bold=True, spacing=1.5)
    pdf.set_y(pdf.h - 36)
    pdf.line_of("Verify this certificate at", 6, align=Align.R, size=9, color=MUTED)
    pdf.line_of(verify_url, 8, align=Align.R, link=verify_url, size=11, color=BLUE)
    return bytes(pdf.output())


def receipt(
    *,
    order_id: str,
    created_at: datetime,
    buyer_name: str,
    buyer_email: str,
    items: list[tuple[str, str, Decimal | str]],
    total: Decimal | str,
) -> bytes:
    """A receipt (A4): the order, its buyer, each item (kind, title, price
    paid) and the total. A long order runs onto more pages."""
    pdf = _Document(f"Receipt for order {order_id}", "Receipt", orientation="P")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.line_of("Receipt", 12, align=Align.L, size=24, bold=True)
    pdf.ln(2)
    created = created_at.astimezone(timezone.utc)
    for label, value in (
        ("Order", order_id),
        ("Date", f"{_long_date(created)}, {created:%H:%M} UTC"),
        ("Billed to", f"{buyer_name} <{buyer_email}>"),
        ("Status", "Paid"),
    ):
        pdf.style(size=10, color=MUTED)
        pdf.cell(w=28, h=6, text=label)
        pdf.style(size=10)
        pdf.cell(w=pdf.epw - 28, h=6, text=pdf.printable(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)

    price_w, kind_w = 32, 24
    title_w = pdf.epw - price_w - kind_w
    pdf.style(size=9, bold=True, color=MUTED, spacing=0.8)
    pdf.cell(w=kind_w, h=7, text="TYPE")
    pdf.cell(w=title_w, h=7, text="ITEM")
    pdf.cell(w=price_w, h=7, text="PRICE", align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.rule(1)
    for kind, title, price in items:
        pdf.style(size=9, color=MUTED)
        pdf.cell(w=kind_w, h=7, text=kind.capitalize())
        pdf.style(size=11)
        pdf.cell(w=title_w, h=7, text=pdf.clipped(title, title_w - 4))  # one line per item
        pdf.cell(w=price_w, h=7, text=_dollars(price), align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.rule(2)
    pdf.style(size=12, bold=True)
    pdf.cell(w=kind_w + title_w, h=8, text="Total")
    pdf.set_text_color(*BLUE)
    pdf.cell(w=price_w, h=8, text=_dollars(total), align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(14)
    pdf.line_of(f"Thank you for learning with {SCHOOL}.", 6, align=Align.L, size=10, color=MUTED)
    return bytes(pdf.output())
