"""A fake camera for Chromium: a Y4M video whose frames show one QR code, so a browser
test can scan a real code (--use-file-for-fake-video-capture)."""

from pathlib import Path

import segno

WIDTH, HEIGHT, FRAMES = 640, 480, 5


def qr_video(text: str, path: Path, *, module: int = 8) -> Path:
    rows = list(segno.make(text, error="m").matrix_iter(scale=module, border=4))
    luma = bytearray([235]) * (WIDTH * HEIGHT)
    top, left = (HEIGHT - len(rows)) // 2, (WIDTH - len(rows[0])) // 2
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                luma[(top + y) * WIDTH + left + x] = 16
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2 * 2)
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F5:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + (b"FRAME\n" + bytes(luma) + chroma) * FRAMES)
    return path
