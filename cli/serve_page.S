/* serve_page.S - embeds cli/serve_page.html (the web page of `claimline serve`: one
 * self-contained file, no external scripts or styles; article text is only ever inserted as
 * text, never as markup) as the NUL-terminated string serve_page_html. */
    .section .rodata
    .globl serve_page_html
serve_page_html:
    .incbin "cli/serve_page.html"
    .byte 0
    .section .note.GNU-stack,"",@progbits
