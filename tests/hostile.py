"""Hostile text for the markup tests: what an attacker (or a careless paste) could put in a field.

Every string carries the marker XSS inside its live part, so that a page's own scripts and
forms (the theme's) can be told from injected ones. Each fits the shortest text field (200
characters) and passes the input guard (no control characters, no bidirectional overrides):
what the guard refuses never reaches a page.
"""

from __future__ import annotations

MARKER = "XSS"

HOSTILE: tuple[str, ...] = (
    # scripts
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=//xss.example/XSS.js></SCRIPT>",
    "<ScRiPt>/*XSS*/alert(1)</sCrIpT>",
    "<script\x20type='text/javascript'>alert('XSS');</script>",
    "<scr<script>ipt>alert('XSS')</scr</script>ipt>",
    "<<script>alert('XSS');//<</script>",
    # event handlers
    "<img src=x onerror=alert('XSS')>",
    "<img src=x oNeRrOr=alert&#40;'XSS'&#41;>",
    "<body onload=alert('XSS')>",
    "<details open ontoggle=alert('XSS')>",
    "<input autofocus onfocus=alert('XSS')>",
    "<video><source onerror=\"alert('XSS')\"></video>",
    "<x onclick=alert('XSS')>bấm</x>",
    # frames, objects, forms, styles
    "<iframe src=\"javascript:alert('XSS')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('XSS')</script>\"></iframe>",
    "<frameset><frame src=\"javascript:alert('XSS')\"></frameset>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=">XSS</object>',
    "<embed src=\"data:image/svg+xml,<svg onload=alert('XSS')>\">",
    "<form action=\"javascript:alert('XSS')\"><input type=submit value=Gửi></form>",
    "<button formaction=\"javascript:alert('XSS')\">Gửi góp ý</button>",
    "<style>@import 'https://xss.example/XSS.css';</style>",
    "<div style=\"background:url(javascript:alert('XSS'))\">x</div>",
    "<base href=\"javascript:alert('XSS')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS\')">',
    "<link rel=stylesheet href=\"javascript:alert('XSS')\">",
    # URLs
    "<a href=\" JaVaScRiPt:alert('XSS')\">bấm vào đây</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS')\">bấm</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('XSS')\">x</a>",
    "<a href=\"vbscript:msgbox('XSS')\">x</a>",
    "<a href=\"data:text/html,<script>alert('XSS')</script>\">x</a>",
    "javascript:alert('XSS')",
    # SVG and MathML
    "<svg onload=alert('XSS')>",
    "<svg><script>alert('XSS')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('XSS')\"><text x=20 y=20>XSS</text></a></svg>",
    "<svg><animate onbegin=alert('XSS') attributeName=x dur=1s>",
    "<svg><foreignObject><iframe src=javascript:alert('XSS')></iframe></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS')>",
    "<math href=\"javascript:alert('XSS')\">bấm</math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS')>\">",
    # entity-encoded: one decode too many turns them into markup
    "&lt;script&gt;alert('XSS')&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert('XSS')&amp;lt;/script&amp;gt;",
    "&#60;script&#62;alert('XSS')&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert('XSS')&#x3E;",
    # broken tags, breaking out of attributes
    "<img src=x onerror=alert('XSS')//",
    "\"><script>alert('XSS')</script>",
    "' onmouseover='alert(\"XSS\")' x='",
    # CDATA and comments
    "<![CDATA[<script>alert('XSS')</script>]]>",
    "]]><script>alert('XSS')</script><![CDATA[",
    "<!--<script>alert('XSS')</script>-->",
    "--><script>alert('XSS')</script><!--",
    "<!--[if gte IE 4]><script>alert('XSS')</script><![endif]-->",
    # unicode tricks
    "＜script＞alert('XSS')＜/script＞",
    "<scr\u200bipt>alert('XSS')</script>",
    "<img src=x one\u200brror=alert('XSS')><img src=x onerror\u00a0=alert('XSS')>",
    "<a href=\"java\u00adscript:alert('XSS')\">x</a><a href=\"\ufeffjavascript:alert('XSS')\">y</a>",
    "<ſcript>alert('XSS')</ſcript><İMG SRC=x ONERROR=alert('XSS')>",
    # template syntax (Jinja never renders data, but check nothing evaluates it)
    "{{ config }}{% raw %}<script>alert('XSS')</script>{% endraw %}",
)

# Markdown-only tricks, for stories and campaign contents.
HOSTILE_MARKDOWN: tuple[str, ...] = (
    "[bấm vào đây](javascript:alert('XSS'))",
    "[bấm](JaVaScRiPt:alert('XSS'))",
    "![ảnh](javascript:alert('XSS'))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=#XSS)",
    "[x](vbscript:msgbox('XSS'))",
    "<javascript:alert('XSS')>",
    '[x](https://example.vn/ "\\"onmouseover=alert(\'XSS\')")',
    "[x][ref]\n\n[ref]: javascript:alert('XSS')",
    "| a | b |\n| --- | --- |\n| <script>alert('XSS')</script> | <img src=x onerror=alert('XSS')> |",
    "> <iframe src=javascript:alert('XSS')></iframe>",
)

# URL fields accept http(s) addresses only; what follows the scheme may still try to break out.
HOSTILE_URLS: tuple[str, ...] = (
    "https://xss.example/\"><script>alert('XSS')</script>",
    "https://xss.example/'onmouseover='alert(1)'XSS",
    "https://xss.example/]]><script>alert('XSS')</script>",
)

HOSTILE_EMAIL = "\"><svg/onload=alert('XSS')>@xss.example.vn"
