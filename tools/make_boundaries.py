"""Build the offline map background src/ikonnekt/static/ikonnekt/geo/boundaries.geojson from the
BKG's open data set "Verwaltungsgebiete 1:5 000 000, Ebenen, Stand 01.01." (VG5000).

Source: © GeoBasis-DE / BKG 2021, Datenlizenz Deutschland – Namensnennung – Version 2.0
(https://www.govdata.de/dl-de/by-2-0), product page
https://gdz.bkg.bund.de/index.php/default/open-data/verwaltungsgebiete-1-5-000-000-ebenen-stand-01-01-vg5000-ebenen-01-01.html
The shapefiles used (vg5000_01-01.gk3.shape.ebenen, Stand 01.01.2021) are mirrored unchanged,
with the BKG's licence text and source note, in https://github.com/Praesklepios/geoGermany
(folder geogermany/bkgdata/vg5000_01-01.gk3.shape.ebenen, commit 7af434f).

What this script changes (the "Veränderungshinweis" the licence asks for is in the README next to
the output): keeps only the Saarland, its six districts (Landkreis Saarlouis marked "home") and
its 52 municipalities (the 13 of the Landkreis Saarlouis marked "home"; the others let a clerk see
what lies across the district line) and the transfer municipalities of the demo; keeps only name, kind and the
official regional key (ARS); reprojects from DHDN / Gauß-Krüger zone 3 (EPSG:31467) to WGS 84
(EPSG:4326); simplifies each outline (Douglas–Peucker, shapely, topology preserved) and rounds to
5 decimals (about 1 m).

Usage:
    PYTHONPATH=src .venv/bin/python tools/make_boundaries.py DIR_WITH_VG5000_SHAPEFILES

DIR holds VG5000_LAN/KRS/GEM .shp, .dbf and .prj (or those of VG250, the 1:250 000 release with
the same structure, for more detail; GK zone 3 or UTM 32N). Needs shapely and pyproj (both project dependencies);
the shapefile and dBASE readers below are plain Python (no GDAL).
"""

import json
import struct
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, mapping

OUTPUT = Path(__file__).resolve().parent.parent / "src/ikonnekt/static/ikonnekt/geo/boundaries.geojson"

SAARLAND = "10"
HOME_DISTRICT = "10044"  # Landkreis Saarlouis
# Transfer municipalities of the demo (regional keys, ARS, of the BKG data).
TRANSFER = {"160510000000", "120710372372", "120670120120"}  # Erfurt, Spremberg, Eisenhüttenstadt
# Degrees: about 50 m east-west and 55 m north-south at 49.5° N; below the VG5000's own
# generalisation, so it removes only redundant vertices.
TOLERANCE = {"state": 0.002, "district": 0.0008, "municipality": 0.0005}
DECIMALS = 5


def read_dbf(path):
    """Records of a dBASE III file as dicts (character and numeric fields as text)."""
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        length = data[pos + 16]
        fields.append((name, length))
        pos += 32
    records = []
    for i in range(count):
        start = header_len + i * record_len
        row = data[start : start + record_len]
        if row[:1] == b"*":  # deleted
            continue
        values, offset = {}, 1
        for name, length in fields:
            values[name] = row[offset : offset + length].decode("utf-8").strip()
            offset += length
        records.append(values)
    return records


def _signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def read_shp(path):
    """Polygon geometries (shape type 5) of an ESRI shapefile as shapely (Multi)Polygons.

    Outer rings run clockwise, holes counter-clockwise (ESRI Shapefile Technical Description,
    1998); each hole goes to the outer ring that contains it."""
    data = path.read_bytes()
    shapes, pos = [], 100
    while pos < len(data):
        _number, length = struct.unpack(">II", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type == 0:
            shapes.append(None)
            continue
        if shape_type != 5:
            raise ValueError(f"unexpected shape type {shape_type} in {path}")
        num_parts, num_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{num_parts}i", content[44 : 44 + 4 * num_parts]))
        offset = 44 + 4 * num_parts
        flat = struct.unpack(f"<{2 * num_points}d", content[offset : offset + 16 * num_points])
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        rings = [points[a:b] for a, b in zip(parts, parts[1:] + [num_points], strict=True)]
        outers = [[r, []] for r in rings if _signed_area(r) < 0]
        for ring in (r for r in rings if _signed_area(r) >= 0):
            probe = Polygon(ring).representative_point()
            owner = next((o for o in outers if Polygon(o[0]).contains(probe)), None)
            if owner is None:
                raise ValueError(f"hole without outer ring in {path}")
            owner[1].append(ring)
        polygons = [Polygon(shell, holes) for shell, holes in outers]
        shapes.append(polygons[0] if len(polygons) == 1 else MultiPolygon(polygons))
    return shapes


def source_crs(directory, prefix):
    """EPSG code of the shapefiles: the BKG ships VG data in Gauß-Krüger zone 3 (gk3) or UTM 32N."""
    prj = (directory / f"{prefix}_GEM.prj").read_text(encoding="ascii")
    if "Gauss_Zone_3" in prj or "31467" in prj:
        return "EPSG:31467"
    if "UTM_Zone_32" in prj or "25832" in prj:
        return "EPSG:25832"
    raise ValueError(f"unknown coordinate system in {prefix}_GEM.prj: {prj[:80]}")


def load(directory, prefix, level):
    records = read_dbf(directory / f"{prefix}_{level}.dbf")
    shapes = read_shp(directory / f"{prefix}_{level}.shp")
    if len(records) != len(shapes):
        raise ValueError(f"{level}: {len(records)} records but {len(shapes)} shapes")
    # GF ("Geofaktor") 9 marks the land areas in this release; the GF 8 rows are water areas
    # (coast, Bodensee) and are left out. Check the codes in the documentation of another release.
    return [(r, s) for r, s in zip(records, shapes, strict=True) if r.get("GF") == "9" and s]


def _round(geometry):
    def rnd(coords):
        if isinstance(coords[0], int | float):
            return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
        return [rnd(c) for c in coords]

    geo = mapping(geometry)
    return {"type": geo["type"], "coordinates": rnd(geo["coordinates"])}


def feature(record, geometry, kind, to_wgs84, home=False):
    shape = shapely.transform(geometry, to_wgs84).simplify(TOLERANCE[kind], preserve_topology=True)
    props = {"name": record["GEN"], "kind": kind, "ars": record["ARS"]}
    if home:
        props["home"] = True
    return {"type": "Feature", "properties": props, "geometry": _round(shape)}


def build(directory):
    (gem,) = directory.glob("VG*_GEM.shp")
    prefix = gem.name.removesuffix("_GEM.shp")
    transformer = Transformer.from_crs(source_crs(directory, prefix), "EPSG:4326", always_xy=True)

    def to_wgs84(coords):
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    features = []
    for record, shape in load(directory, prefix, "LAN"):
        if record["ARS"] == SAARLAND:
            features.append(feature(record, shape, "state", to_wgs84))
    for record, shape in load(directory, prefix, "KRS"):
        if record["ARS"].startswith(SAARLAND):
            home = record["ARS"] == HOME_DISTRICT
            features.append(feature(record, shape, "district", to_wgs84, home=home))
    for record, shape in load(directory, prefix, "GEM"):
        if record["ARS"].startswith(SAARLAND) or record["ARS"] in TRANSFER:
            home = record["ARS"].startswith(HOME_DISTRICT)
            features.append(feature(record, shape, "municipality", to_wgs84, home=home))
    return {
        "type": "FeatureCollection",
        # The source note in the form the licence prescribes (quellenvermerk_datenlizenz_deutschland.txt
        # of the download): linked to www.bkg.bund.de, with the note that the data were changed.
        "attribution": {
            "text": "© GeoBasis-DE / BKG 2021 (Daten verändert)",
            "url": "https://www.bkg.bund.de",
            "licence": "dl-de/by-2-0",
            "licence_url": "https://www.govdata.de/dl-de/by-2-0",
            "source": "VG5000, Stand 01.01.2021",
        },
        "features": features,
    }


def main(directory):
    collection = build(Path(directory))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    kinds = {}
    for f in collection["features"]:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    print(f"{OUTPUT}: {len(text) // 1024} KB, {kinds}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
