"""Write medleaf/data/directions.schema.json from the directions model (make schema)."""

import json
from pathlib import Path

from medleaf.content.directions import json_schema

path = Path(__file__).resolve().parents[1] / "medleaf/data/directions.schema.json"
path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8")
