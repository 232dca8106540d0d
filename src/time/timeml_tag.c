/* timeml_tag.c - writes a TimeML / TempEval-3 input file back with our TIMEX3 tags
 * (cl_timeml_tag, see claimline.h): the file is kept byte for byte outside <TEXT>; inside,
 * the text (stripped of any tags it had) is re-escaped with a TIMEX3 element around every
 * expression the tagger finds, anchored to the file's DCT. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "time/timeml.h"
#include "time/timex.h"
#include "util/buf.h"
#include "util/error.h"

cl_status cl_timeml_tag(const cl_context *ctx, const char *xml, size_t len, char **out,
                        size_t *out_len, cl_error *err)
{
    cl_error_clear(err);
    *out = NULL;
    cl_timeml_doc td;
    cl_status st = cl_timeml_parse(xml, len, &td, err);
    if (st != CL_OK)
        return st;
    cl_doc *doc = NULL;
    if (td.text_len) {
        cl_input in = {0};
        in.id = "timeml";
        in.source = "timeml";
        in.text = td.text;
        in.text_len = td.text_len;
        in.date = td.dct[0] ? td.dct : NULL;
        doc = cl_extract(ctx, &in, CL_EXTRACT_NO_CLEAN | CL_EXTRACT_TIME_ONLY, err);
        if (!doc && err->status != CL_EEMPTY) {
            cl_timeml_free(&td);
            return err->status;
        }
    }
    cl_buf b;
    cl_buf_init(&b, 0);
    cl_buf_append(&b, xml, td.text_open_end);
    size_t at = 0, n = doc ? doc->timexes.n : 0;
    for (size_t k = 0; k < n; k++) {
        const cl_timex *x = &doc->timexes.v[k];
        if (x->start < at || x->end > td.text_len)
            continue;
        cl_timeml_escape(&b, td.text + at, x->start - at);
        cl_buf_printf(&b, "<TIMEX3 tid=\"t%zu\" type=\"%s\" value=\"%s\"", k + 1,
                      cl_timex_type_name(x->type), x->value ? x->value : "XXXX-XX-XX");
        if (x->mod)
            cl_buf_printf(&b, " mod=\"%s\"", x->mod);
        cl_buf_puts(&b, ">");
        cl_timeml_escape(&b, td.text + x->start, x->end - x->start);
        cl_buf_puts(&b, "</TIMEX3>");
        at = x->end;
    }
    cl_timeml_escape(&b, td.text + at, td.text_len - at);
    cl_buf_append(&b, xml + td.text_close, len - td.text_close);
    cl_doc_free(doc);
    cl_timeml_free(&td);
    if (!cl_buf_ok(&b)) {
        cl_buf_free(&b);
        return cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory writing TimeML");
    }
    *out = cl_buf_detach(&b, out_len);
    return CL_OK;
}
