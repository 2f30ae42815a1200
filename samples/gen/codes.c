/* codes.c - check characters of credit codes (GB 32100-2015) and organization codes (GB 11714). */
#include "samples/gen/gen.h"

#include <string.h>

static const char credit_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c)
{
	const char *p = c ? strchr(credit_charset, c) : NULL;

	return p ? (int)(p - credit_charset) : -1;
}

char credit_check_char(const char *body17)
{
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = credit_value(body17[i]);
		if (v < 0)
			return 0;
		sum += v * w[i];
	}
	return credit_charset[(31 - sum % 31) % 31];
}

int credit_code_valid(const char *s)
{
	if (strlen(s) != 18)
		return 0;
	char c = credit_check_char(s);
	return c && c == s[17];
}

static int org_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char org_check_char(const char *body8)
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 8; i++) {
		int v = org_value(body8[i]);
		if (v < 0)
			return 0;
		sum += v * w[i];
	}
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

int org_code_valid(const char *s9)
{
	if (strlen(s9) != 9)
		return 0;
	char c = org_check_char(s9);
	return c && c == s9[8];
}
