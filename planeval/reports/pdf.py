"""PDF preview of generated Word documents through LibreOffice in headless mode.

Each conversion runs in its own temporary directory with its own LibreOffice profile
(``-env:UserInstallation``), so nothing lands in the home directory and two conversions can
run at once. A fontconfig file generated in that directory maps the Chinese official font
names (仿宋_GB2312, 黑体, 楷体 …), which Debian does not ship, to free faces that are
installed; without it every Chinese name falls back to one face or to boxes.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

CONVERSION_TIMEOUT_S = 90
RENDER_TIMEOUT_S = 30

MESSAGE_NO_LIBREOFFICE = "未安装LibreOffice，无法生成PDF预览"
MESSAGE_NO_PDFTOPPM = "未安装poppler-utils（pdftoppm），无法生成预览图片"
MESSAGE_TIMEOUT = "PDF转换超时，请稍后重试"
MESSAGE_FAILED = "PDF转换失败"

_FANGSONG = ("AR PL UKai CN", "Noto Serif CJK SC", "AR PL UMing CN")
_KAITI = ("AR PL UKai CN", "Noto Serif CJK SC", "AR PL UMing CN")
_HEITI = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "Droid Sans Fallback")
_SONGTI = ("Noto Serif CJK SC", "AR PL UMing CN", "Noto Sans CJK SC")

# Font names written by docx.py (and by people who edit the files in Word), and the free
# faces that stand in for them on a Debian server, best first.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": _FANGSONG, "仿宋": _FANGSONG, "FangSong_GB2312": _FANGSONG,
    "FangSong": _FANGSONG, "STFangsong": _FANGSONG, "华文仿宋": _FANGSONG,
    "楷体_GB2312": _KAITI, "楷体": _KAITI, "KaiTi_GB2312": _KAITI, "KaiTi": _KAITI,
    "STKaiti": _KAITI, "华文楷体": _KAITI,
    "黑体": _HEITI, "SimHei": _HEITI, "微软雅黑": _HEITI, "Microsoft YaHei": _HEITI,
    "宋体": _SONGTI, "SimSun": _SONGTI, "新宋体": _SONGTI, "NSimSun": _SONGTI,
    "方正小标宋简体": _SONGTI, "方正小标宋_GBK": _SONGTI, "小标宋": _SONGTI,
    "Times New Roman": ("Liberation Serif", "DejaVu Serif"),
    "Arial": ("Liberation Sans", "DejaVu Sans"),
}

SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"


class PdfUnavailable(RuntimeError):
    """The PDF preview cannot be made on this server (a program is missing)."""


class PdfConversionFailed(RuntimeError):
    """LibreOffice ran but produced no PDF, or took too long."""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    """True when a LibreOffice executable is on the PATH."""
    return _soffice() is not None


def fontconfig_xml(aliases: dict[str, tuple[str, ...]] = FONT_ALIASES) -> str:
    """A fontconfig file: the system configuration plus our aliases for Chinese font names.

    ``binding="same"`` makes the preferred face as strong a match as the requested name, so
    it wins over the generic fallbacks the system configuration appends.
    """
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        "<fontconfig>",
        f'  <include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>',
    ]
    for family, preferred in aliases.items():
        prefer = "".join(f"<family>{escape(name)}</family>" for name in preferred)
        lines.append(f'  <alias binding="same"><family>{escape(family)}</family>'
                     f"<prefer>{prefer}</prefer></alias>")
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def _run(command: list[str], *, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run *command* in its own process group and kill that group on timeout.

    soffice starts soffice.bin as a child; killing only the direct child would leave it running.
    """
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfConversionFailed(MESSAGE_TIMEOUT) from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def docx_to_pdf(docx_bytes: bytes, *, timeout: float = CONVERSION_TIMEOUT_S) -> bytes:
    """Convert a .docx to PDF with LibreOffice; raises ``PdfUnavailable`` when it is missing."""
    soffice = _soffice()
    if soffice is None:
        raise PdfUnavailable(MESSAGE_NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="planeval-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        fonts_conf = work / "fonts.conf"
        fonts_conf.write_text(fontconfig_xml(), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
        command = [
            soffice, "--headless", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(work), str(source),
        ]
        result = _run(command, env=env, timeout=timeout)
        target = work / "document.pdf"
        if not target.exists():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
            raise PdfConversionFailed(f"{MESSAGE_FAILED}：{detail[-300:]}" if detail
                                      else MESSAGE_FAILED)
        return target.read_bytes()


def pdf_page_count(pdf_bytes: bytes) -> int:
    """Pages of a PDF LibreOffice wrote (counts its ``/Type /Page`` objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf_bytes))


def pdf_first_page_png(pdf_bytes: bytes, *, resolution: int = 80) -> bytes:
    """Render page 1 of a PDF to PNG with pdftoppm (poppler-utils)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise PdfUnavailable(MESSAGE_NO_PDFTOPPM)
    with tempfile.TemporaryDirectory(prefix="planeval-png-") as tmp:
        work = Path(tmp)
        source = work / "document.pdf"
        source.write_bytes(pdf_bytes)
        prefix = work / "page"
        command = [pdftoppm, "-png", "-f", "1", "-l", "1", "-r", str(resolution),
                   "-singlefile", str(source), str(prefix)]
        result = _run(command, env=dict(os.environ), timeout=RENDER_TIMEOUT_S)
        target = work / "page.png"
        if not target.exists():
            detail = result.stderr.decode("utf-8", "replace").strip()
            raise PdfConversionFailed(f"{MESSAGE_FAILED}：{detail[-300:]}" if detail
                                      else MESSAGE_FAILED)
        return target.read_bytes()
