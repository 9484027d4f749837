/* libFuzzer target: the config parser (inih behind our line reader) must
 * never crash or leak on any bytes, errors must stay NUL-terminated, and
 * whatever it accepts must survive validation, show config and the reload
 * diff. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proxy/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void emit(const char *section, const char *key, const char *value, const char *help,
                 void *arg)
{
    size_t *total = arg;
    *total += strlen(section) + strlen(key) + strlen(value) + strlen(help);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config c, defaults;
    char err[512];
    size_t total = 0;

    if (!config_init_defaults(&c) || !config_init_defaults(&defaults))
        abort();
    memset(err, 'x', sizeof(err));
    bool ok = config_load_string(&c, "fuzz.ini", (const char *)data, size, err, sizeof(err));
    if (!memchr(err, '\0', sizeof(err)))
        abort();
    if (!ok && err[0] == '\0')
        abort(); /* a failure always says why */
    if (ok && err[0] != '\0')
        abort();
    (void)config_validate(&c, err, sizeof(err));
    if (!memchr(err, '\0', sizeof(err)))
        abort();
    config_foreach(&c, emit, &total);
    (void)config_diff_unreloadable(&defaults, &c, err, sizeof(err));
    config_free(&c);
    config_free(&defaults);
    return 0;
}
