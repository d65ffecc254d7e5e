#ifndef PAYLOADLINT_CPCRE2_SHIM_H
#define PAYLOADLINT_CPCRE2_SHIM_H
// Swift cannot call PCRE2's token-pasting macros (pcre2_compile -> pcre2_compile_8);
// fixing the code unit width here makes the _8 functions and types visible.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
