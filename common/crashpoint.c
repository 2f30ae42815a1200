#include "crashpoint.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void crash_point(const char *name)
{
	static int checked, armed, stop;
	static char want[64];
	static long left;
	const char *env;
	const char *colon;

	if (!checked) {
		checked = 1;
		env = getenv("IIREVIEW_CRASH_AT");
		colon = env ? strchr(env, ':') : NULL;
		if (colon && (size_t)(colon - env) < sizeof(want)) {
			memcpy(want, env, (size_t)(colon - env));
			want[colon - env] = '\0';
			left = strtol(colon + 1, NULL, 10);
			armed = left > 0;
			stop = strstr(colon + 1, ":stop") != NULL;
		}
	}
	if (!armed || strcmp(name, want))
		return;
	if (--left == 0)
		kill(getpid(), stop ? SIGSTOP : SIGKILL);
}
