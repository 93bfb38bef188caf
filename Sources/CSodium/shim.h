// The only place libsodium is named. Everything else goes through AbriCrypto.
#include <sodium.h>
