"""Link previews: Open Graph and Twitter card tags on every page.

When a teacher pastes a link into an LMS or a chat, the preview shows the
page title and its `description:` front matter. A page without a description
stops the build: a preview that says nothing is a defect, not a default.
"""

from __future__ import annotations

import html as html_lib

from mkdocs.exceptions import PluginError


def on_post_page(output: str, page, config) -> str:
    description = (page.meta or {}).get("description")
    if page.file.src_uri.endswith(".md") and not description:
        raise PluginError(
            f"{page.file.src_uri}: add a one-sentence `description:` front matter "
            "(it is the link preview in an LMS or chat)"
        )
    description = description or config.site_description or ""
    title = page.title if page.is_homepage else f"{page.title} - {config.site_name}"
    tags = {
        "og:type": "website",
        "og:site_name": config.site_name,
        "og:title": title,
        "og:description": description.strip(),
        "og:url": page.canonical_url or config.site_url or "",
        "twitter:card": "summary",
    }
    meta = "".join(
        f'<meta {"name" if key.startswith("twitter") else "property"}="{key}" '
        f'content="{html_lib.escape(str(value), quote=True)}">'
        for key, value in tags.items()
    )
    return output.replace("</head>", meta + "</head>", 1)
