"""The certificate (奖状) of an award: an A4 landscape PDF in Chinese with the award's serial
number and a QR code pointing to the public verification page.

The Chinese text uses reportlab's built-in Adobe CID font STSong-Light, which PDF readers
supply themselves, so no font file is shipped or embedded; the QR code is reportlab's own
(reportlab.graphics.barcode.qr).
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from apps.commendations.models import Nomination

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
QR_SIZE = 110


def certificate_pdf(nomination: Nomination, *, verify_url: str) -> bytes:
    """The certificate of an awarded ``nomination`` as PDF bytes."""
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"{_('Certificate')} {nomination.serial}")
    pdf.setStrokeColorRGB(0.75, 0.1, 0.1)
    pdf.setLineWidth(6)
    pdf.rect(28, 28, width - 56, height - 56)
    pdf.setFillColorRGB(0.75, 0.1, 0.1)
    pdf.setFont(FONT, 54)
    pdf.drawCentredString(width / 2, height - 130, "荣 誉 证 书")
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(FONT, 22)
    unit = nomination.nominee_unit
    name = nomination.nominee_name
    pdf.drawString(90, height - 210, f"{name}（{unit}）：" if unit else f"{name}：")
    pdf.setFont(FONT, 20)
    line = f"在{nomination.round.title}中被评为“{nomination.category.name}”，特发此证，以资鼓励。"
    for index in range(0, len(line), 30):
        pdf.drawString(130, height - 260 - (index // 30) * 34, line[index : index + 30])
    pdf.setFont(FONT, 18)
    pdf.drawRightString(width - 90, 150, nomination.round.running_bodies)
    awarded = nomination.awarded_on
    pdf.drawRightString(width - 90, 120, f"{awarded.year}年{awarded.month}月{awarded.day}日")
    pdf.setFont(FONT, 12)
    pdf.drawString(90, 70, f"证书编号：{nomination.serial}    核验：{verify_url}")
    qr = QrCodeWidget(verify_url)
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(qr)
    renderPDF.draw(drawing, pdf, 90, 95)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
