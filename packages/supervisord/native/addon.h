/*
 * The native helper of supervisord: what Node's own modules cannot do cheaply. Each file adds one
 * concern to the module that addon.c defines:
 *   spawn.c  starting children with posix_spawn, and reaping them
 *   pipes.c  the output pipes: their capacity, and where reads land in memory
 */
#ifndef SUPERVISORD_NATIVE_ADDON_H
#define SUPERVISORD_NATIVE_ADDON_H

#include <node_api.h>

/* Returns NULL from the calling N-API function when `call` fails (an exception is then pending). */
#define CHECK(call)                                                                                \
  do {                                                                                             \
    if ((call) != napi_ok) return NULL;                                                            \
  } while (0)

/* Throws an Error whose `code` is the errno name (ENOENT, EACCES, ...); returns NULL. */
napi_value throw_errno(napi_env env, int error, const char *syscall);

napi_value spawn_child(napi_env env, napi_callback_info info);
napi_value reap_child(napi_env env, napi_callback_info info);
napi_value next_exited(napi_env env, napi_callback_info info);
napi_value watch_child_exits(napi_env env, napi_callback_info info);
napi_value hold_event_loop(napi_env env, napi_callback_info info);
napi_value set_pipe_size(napi_env env, napi_callback_info info);
napi_value page_offset(napi_env env, napi_callback_info info);

#endif
