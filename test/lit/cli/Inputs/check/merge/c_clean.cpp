// No finding of its own; the shared header's findings again.
#include "shared.h"

void clean(const char *Path) { reloadEvery(Path, 1); }
