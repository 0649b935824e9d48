#!/usr/bin/env python
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

if __name__ == "__main__":
    from ikonnekt.cli import main

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
    main()
