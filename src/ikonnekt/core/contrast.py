"""Colour contrast after WCAG 2.1 (success criterion 1.4.3, definitions "relative luminance" and
"contrast ratio"): text on a coloured badge must reach 4.5:1."""


def relative_luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour ``#rrggbb`` (WCAG 2.1 definition)."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or near-black text, whichever contrasts more with ``background``. One of the two
    always reaches at least 4.58:1 (the worst case is a background of luminance 0.179)."""
    white, black = "#ffffff", "#000000"
    return white if contrast_ratio(background, white) >= contrast_ratio(background, black) else black
