/* libFuzzer target: the admin command parser must never crash, and a parsed
 * command's verb must always have a name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control/command.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct command c;
    char err[128];
    if (command_parse((const char *)data, size, &c, err, sizeof(err))) {
        if (c.verb >= CMD__COUNT || strcmp(command_verb_name(c.verb), "?") == 0)
            abort();
    } else if (memchr(err, '\0', sizeof(err)) == NULL) {
        abort();
    }
    return 0;
}
