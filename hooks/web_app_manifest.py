"""The site as an installable web app: `manifest.webmanifest` at the site's
root, its icon (docs/assets/images/icon.svg), and the `<link rel="manifest">`
and theme colour in every page's head.

Installable needs a service worker too (hooks/service_worker.py), which is
what makes the installed site work offline. The names and colours come from
mkdocs.yml (site_name, site_description, the first palette's primary colour),
so they are written once.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

MANIFEST = "manifest.webmanifest"
ICON = "assets/images/icon.svg"
#: Material's primary colours that the palette may name, as Material draws them.
PRIMARY = {
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "teal": "#009485",
    "black": "#000000",
}


def theme_colour(config: MkDocsConfig) -> str:
    palette = config.theme.get("palette") or [{}]
    first = palette[0] if isinstance(palette, list) else palette
    primary = first.get("primary", "indigo")
    if primary not in PRIMARY:
        raise PluginError(f"web app manifest: add the colour of primary {primary!r}")
    return PRIMARY[primary]


def manifest(config: MkDocsConfig) -> dict:
    return {
        "name": config.site_name,
        "short_name": config.site_name,
        "description": (config.site_description or "").strip(),
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "lang": config.theme.get("language", "en"),
        "theme_color": theme_colour(config),
        "background_color": "#ffffff",
        "icons": [
            {"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ],
    }


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(ICON) is None:
        raise PluginError(f"web app manifest: docs/{ICON} is missing")
    files.append(
        File.generated(
            config, MANIFEST, content=json.dumps(manifest(config), indent=2) + "\n"
        )
    )
    return files


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    href = get_relative_url(MANIFEST, page.url)
    tags = (
        f'<link rel="manifest" href="{href}">'
        f'<meta name="theme-color" content="{theme_colour(config)}">'
    )
    return output.replace("</head>", tags + "</head>", 1)
