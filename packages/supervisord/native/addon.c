/*
 * The module's exports (see the TypeScript side, src/os/native-addon.ts, for their contracts).
 */
#define _GNU_SOURCE
#include "addon.h"

#include <stdio.h>
#include <string.h>

napi_value throw_errno(napi_env env, int error, const char *syscall) {
  char message[256];
  const char *code = strerrorname_np(error);
  if (code == NULL) code = "EUNKNOWN";
  snprintf(message, sizeof message, "%s %s (%s)", syscall, code, strerror(error));
  napi_throw_error(env, code, message);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
      {"spawn", NULL, spawn_child, NULL, NULL, NULL, napi_default, NULL},
      {"reap", NULL, reap_child, NULL, NULL, NULL, napi_default, NULL},
      {"nextExited", NULL, next_exited, NULL, NULL, NULL, napi_default, NULL},
      {"watchChildExits", NULL, watch_child_exits, NULL, NULL, NULL, napi_default, NULL},
      {"holdEventLoop", NULL, hold_event_loop, NULL, NULL, NULL, napi_default, NULL},
      {"setPipeSize", NULL, set_pipe_size, NULL, NULL, NULL, napi_default, NULL},
      {"pageOffset", NULL, page_offset, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
