/*
 * The daemon's side of its children's output pipes.
 *
 * Exports:
 *   setPipeSize(fd, bytes) -> the pipe's new capacity (F_SETPIPE_SZ); throws an Error whose
 *     `code` is the errno name.
 *   pageOffset(buffer) -> how far into its memory page the buffer's first byte lies (0-4095).
 *     The daemon reads every pipe into one buffer and starts it on a page boundary with this:
 *     the kernel copies a read out of the pipe's pages, which start on page boundaries, and a
 *     destination a few bytes into a page puts each store just ahead of the next load at the
 *     same offset within a page, which the CPU must treat as a possible overlap and wait on
 *     ("4K aliasing"). With the buffer 16 bytes into a page, copying out of the pipe took a
 *     fifth to a third of the daemon's time under a fast writer; on a page boundary, a few per
 *     cent.
 */
#define _GNU_SOURCE
#include "addon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>

#define PAGE_BYTES 4096

napi_value set_pipe_size(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2], result;
  int32_t fd = -1, bytes = 0;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 2 || napi_get_value_int32(env, args[0], &fd) != napi_ok ||
      napi_get_value_int32(env, args[1], &bytes) != napi_ok) {
    napi_throw_type_error(env, NULL, "setPipeSize(fd, bytes) needs two numbers");
    return NULL;
  }
  int size = fcntl(fd, F_SETPIPE_SZ, bytes);
  if (size < 0) return throw_errno(env, errno, "fcntl");
  CHECK(napi_create_int32(env, size, &result));
  return result;
}

napi_value page_offset(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1], result;
  bool is_buffer = false;
  void *data = NULL;
  size_t length = 0;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 1 || napi_is_buffer(env, args[0], &is_buffer) != napi_ok || !is_buffer ||
      napi_get_buffer_info(env, args[0], &data, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "pageOffset(buffer) needs a Buffer");
    return NULL;
  }
  CHECK(napi_create_uint32(env, (uint32_t)((uintptr_t)data % PAGE_BYTES), &result));
  return result;
}
