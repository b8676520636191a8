"""Keep only the CSS rules that can apply to a given page.

nbconvert puts JupyterLab's whole stylesheet (about 575 KB) in every notebook
page, for widgets, menus and dialogs a static page never has. Served as is,
it blocks the first paint on a slow phone for as long as it downloads.

`trim(css, classes)` drops every selector that needs a class the page does
not have (classes starting with `md-` count as present: Material adds them
with JavaScript, e.g. the `md-typeset__scrollwrap` around tables, and
mkdocs-jupyter styles them), or that can match nothing at all
(`.jupyter-wrapper :root`: the root element is inside nothing;
mkdocs-jupyter prefixes every selector with `.jupyter-wrapper`, JupyterLab's
88 KB of `:root` variables included), then
every rule left without selectors, then every @media or @supports block left
empty. Only classes outside parentheses count: in `.a:not(.b)` the page needs
`a`, not `b`. Other rules without classes (element and attribute selectors)
and other at-rules (@font-face, @keyframes) are kept; invalid rules are
dropped, as browsers drop them.
"""

from __future__ import annotations

import re
from itertools import pairwise

import tinycss2

_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_GROUPING_RULES = {"media", "supports", "layer", "container"}


def classes_in(html: str) -> set[str]:
    """Every class name used in the HTML's class attributes."""
    return {name for value in _CLASS_ATTRIBUTE.findall(html) for name in value.split()}


def _split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [s for s in selectors if tinycss2.serialize(s).strip()]


def _required_classes(selector: list) -> set[str]:
    """Classes the selector needs, outside any :not()/:is()/:where() (...)."""
    needed = set()
    for before, token in pairwise(selector):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            needed.add(token.value)
    return needed


def _root_inside_something(selector: list) -> bool:
    """`X :root`: the root element is never a descendant (or sibling)."""
    seen_something = False
    for before, token in pairwise(selector):
        is_root = before.type == "literal" and before.value == ":"
        if is_root and token.type == "ident" and token.lower_value == "root":
            return seen_something
        if before.type != "whitespace":
            seen_something = True
    return False


#: Classes added in the browser, by Material's JavaScript.
RUNTIME_PREFIXES = ("md-",)


def _applies(selector: list, classes: set[str]) -> bool:
    if _root_inside_something(selector):
        return False
    return all(
        name in classes or name.startswith(RUNTIME_PREFIXES)
        for name in _required_classes(selector)
    )


def _trim_rules(rules: list, classes: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s for s in _split_selectors(rule.prelude) if _applies(s, classes)
            ]
            if not selectors:
                continue
            prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
            kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING_RULES:
            if rule.content is None:
                kept.append(rule.serialize())
                continue
            inner = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            body = _trim_rules(inner, classes)
            if body:
                prelude = tinycss2.serialize(rule.prelude).strip()
                kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
        elif rule.type == "at-rule":
            kept.append(rule.serialize())
        # rule.type == "error": a browser ignores it; so do we.
    return kept


def trim(css: str, classes: set[str]) -> str:
    """The rules of `css` that can match a page using only `classes`."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _trim_rules(rules, classes)
    return "\n".join(kept) + "\n" if kept else ""
