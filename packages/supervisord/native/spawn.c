/*
 * Child spawning for supervisord without forking the daemon.
 *
 * Node's child_process forks the whole daemon (copying its page tables) and waits for the exec;
 * with a large heap that costs over a millisecond per child. posix_spawn() in glibc uses
 * clone(CLONE_VM | CLONE_VFORK): the child borrows the parent's memory until it calls exec,
 * so a spawn costs about as much as the exec itself.
 *
 * Exports:
 *   spawn(file, argv, envp, cwd | null, stdinFd, mergeStderr)
 *     -> [pid, stdinWriteFd, stdoutReadFd, stderrReadFd]   (-1 where no pipe was made)
 *     Throws an Error with `code` set to the errno name (ENOENT, EACCES, EMFILE, ...).
 *     stdinFd >= 0 is given to the child as its stdin; -1 makes a pipe. With mergeStderr, fd 1
 *     and fd 2 of the child share one pipe. The child starts a new session, with every signal
 *     at its default disposition and none blocked, and with no descriptor but 0, 1 and 2 (with
 *     glibc 2.34 or later). The daemon's ends are close-on-exec.
 *   reap(pid) -> -1 while the child runs, else its raw wait status.
 *     Throws like spawn() when the pid is not a child of ours.
 *   nextExited() -> the pid of some child that has ended and is not reaped yet, or 0. The child
 *     is left as it is (it may belong to someone else, such as libuv).
 *   watchChildExits(callback)
 *     Calls callback() on the event loop after each SIGCHLD. The watch keeps the event loop
 *     alive only while holdEventLoop(true) is in force; a second call replaces the callback.
 *     It is done here rather than with process.on('SIGCHLD') so that it works wherever the
 *     addon is loaded, whatever `process` object the surrounding code sees.
 *   holdEventLoop(hold)
 *     Whether the child exit watch keeps the event loop alive (while children are running).
 */
#define _GNU_SOURCE
#include "addon.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

/* A UTF-8 copy of a JS string, or NULL (with a pending exception) when it is not a string. */
static char *copy_string(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a string");
    return NULL;
  }
  char *text = malloc(length + 1);
  if (text == NULL) {
    throw_errno(env, ENOMEM, "malloc");
    return NULL;
  }
  napi_get_value_string_utf8(env, value, text, length + 1, &length);
  return text;
}

static void free_strings(char **strings) {
  if (strings == NULL) return;
  for (char **item = strings; *item != NULL; item++) free(*item);
  free(strings);
}

/* A NULL-terminated copy of a JS array of strings. */
static char **copy_string_array(napi_env env, napi_value array) {
  uint32_t count = 0;
  if (napi_get_array_length(env, array, &count) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected an array of strings");
    return NULL;
  }
  char **strings = calloc(count + 1, sizeof(char *));
  if (strings == NULL) {
    throw_errno(env, ENOMEM, "malloc");
    return NULL;
  }
  for (uint32_t index = 0; index < count; index++) {
    napi_value item;
    if (napi_get_element(env, array, index, &item) != napi_ok ||
        (strings[index] = copy_string(env, item)) == NULL) {
      free_strings(strings);
      return NULL;
    }
  }
  return strings;
}

/* A close-on-exec pipe whose ends are both above the standard descriptors. */
static int make_pipe(int ends[2]) {
  if (pipe2(ends, O_CLOEXEC) != 0) return errno;
  for (int side = 0; side < 2; side++) {
    if (ends[side] > 2) continue;
    int moved = fcntl(ends[side], F_DUPFD_CLOEXEC, 3);
    if (moved < 0) {
      int error = errno;
      close(ends[0]);
      close(ends[1]);
      return error;
    }
    close(ends[side]);
    ends[side] = moved;
  }
  return 0;
}

static void close_if_open(int fd) {
  if (fd >= 0) close(fd);
}

typedef struct {
  char *file;
  char **argv;
  char **envp;
  char *cwd;
  int stdin_fd;
  int merge_stderr;
} spawn_request;

static void release_request(spawn_request *request) {
  free(request->file);
  free_strings(request->argv);
  free_strings(request->envp);
  free(request->cwd);
}

static int read_request(napi_env env, napi_callback_info info, spawn_request *request) {
  size_t argc = 6;
  napi_value args[6];
  napi_valuetype type;
  memset(request, 0, sizeof *request);
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok || argc != 6) {
    napi_throw_type_error(env, NULL, "spawn(file, argv, envp, cwd, stdinFd, mergeStderr)");
    return 0;
  }
  if ((request->file = copy_string(env, args[0])) == NULL) return 0;
  if ((request->argv = copy_string_array(env, args[1])) == NULL) return 0;
  if ((request->envp = copy_string_array(env, args[2])) == NULL) return 0;
  napi_typeof(env, args[3], &type);
  if (type != napi_null && (request->cwd = copy_string(env, args[3])) == NULL) return 0;
  if (napi_get_value_int32(env, args[4], &request->stdin_fd) != napi_ok) {
    napi_throw_type_error(env, NULL, "stdinFd must be a number");
    return 0;
  }
  bool merge = false;
  if (napi_get_value_bool(env, args[5], &merge) != napi_ok) {
    napi_throw_type_error(env, NULL, "mergeStderr must be a boolean");
    return 0;
  }
  request->merge_stderr = merge;
  return 1;
}

/* Starts the child; on success fills pid and the daemon's pipe ends, else returns an errno. */
static int start_child(const spawn_request *request, pid_t *pid, int parent_ends[3],
                       const char **failed_call) {
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  int error = 0;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  sigset_t all_signals, no_signals;

  *failed_call = "pipe";
  if (request->stdin_fd < 0 && (error = make_pipe(in)) != 0) goto pipes_failed;
  if ((error = make_pipe(out)) != 0) goto pipes_failed;
  if (!request->merge_stderr && (error = make_pipe(err)) != 0) goto pipes_failed;

  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  posix_spawn_file_actions_adddup2(&actions, request->stdin_fd >= 0 ? request->stdin_fd : in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, request->merge_stderr ? out[1] : err[1], 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  /* As supervisord closes every other descriptor in the child: none the daemon itself inherited
   * without close-on-exec reaches a program. */
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  if (request->cwd != NULL) posix_spawn_file_actions_addchdir_np(&actions, request->cwd);
  sigfillset(&all_signals);
  /* glibc leaves its two internal signals (32 and 33) out of sigfillset, and posix_spawn would
   * then pass them on ignored; the child's own libc installs its handlers after exec. */
  for (int internal = 32; internal <= 33; internal++)
    ((unsigned long *)&all_signals)[(internal - 1) / (8 * sizeof(unsigned long))] |=
        1UL << ((internal - 1) % (8 * sizeof(unsigned long)));
  sigemptyset(&no_signals);
  posix_spawnattr_setsigdefault(&attributes, &all_signals);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  *failed_call = "spawn";
  error = posix_spawn(pid, request->file, &actions, &attributes, request->argv, request->envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) goto pipes_failed;

  close_if_open(in[0]);
  close(out[1]);
  close_if_open(err[1]);
  parent_ends[0] = in[1];
  parent_ends[1] = out[0];
  parent_ends[2] = err[0];
  return 0;

pipes_failed:
  close_if_open(in[0]);
  close_if_open(in[1]);
  close_if_open(out[0]);
  close_if_open(out[1]);
  close_if_open(err[0]);
  close_if_open(err[1]);
  return error;
}

napi_value spawn_child(napi_env env, napi_callback_info info) {
  spawn_request request;
  if (!read_request(env, info, &request)) {
    release_request(&request);
    return NULL;
  }
  pid_t pid = 0;
  int ends[3] = {-1, -1, -1};
  const char *failed_call = NULL;
  int error = start_child(&request, &pid, ends, &failed_call);
  release_request(&request);
  if (error != 0) return throw_errno(env, error, failed_call);

  napi_value result, item;
  CHECK(napi_create_array_with_length(env, 4, &result));
  int values[4] = {pid, ends[0], ends[1], ends[2]};
  for (uint32_t index = 0; index < 4; index++) {
    CHECK(napi_create_int32(env, values[index], &item));
    CHECK(napi_set_element(env, result, index, item));
  }
  return result;
}

napi_value reap_child(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1], result;
  int32_t pid = 0;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 1 || napi_get_value_int32(env, args[0], &pid) != napi_ok || pid <= 0) {
    napi_throw_type_error(env, NULL, "reap(pid) needs a positive pid");
    return NULL;
  }
  int status = 0;
  pid_t reaped;
  do {
    reaped = waitpid(pid, &status, WNOHANG);
  } while (reaped < 0 && errno == EINTR);
  if (reaped < 0) return throw_errno(env, errno, "waitpid");
  CHECK(napi_create_int32(env, reaped == 0 ? -1 : status, &result));
  return result;
}

napi_value next_exited(napi_env env, napi_callback_info info) {
  (void)info;
  siginfo_t child;
  napi_value result;
  int outcome;
  memset(&child, 0, sizeof child);
  do {
    outcome = waitid(P_ALL, 0, &child, WEXITED | WNOHANG | WNOWAIT);
  } while (outcome < 0 && errno == EINTR);
  CHECK(napi_create_int32(env, outcome < 0 ? 0 : child.si_pid, &result));
  return result;
}

static uv_signal_t child_exit_signal;
static napi_threadsafe_function child_exit_callback = NULL;

static void on_child_exit_signal(uv_signal_t *handle, int signal_number) {
  (void)handle;
  (void)signal_number;
  if (child_exit_callback != NULL)
    napi_call_threadsafe_function(child_exit_callback, NULL, napi_tsfn_nonblocking);
}

napi_value watch_child_exits(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1], name;
  napi_valuetype type;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 1 || napi_typeof(env, args[0], &type) != napi_ok || type != napi_function) {
    napi_throw_type_error(env, NULL, "watchChildExits(callback) needs a function");
    return NULL;
  }
  CHECK(napi_create_string_utf8(env, "child exit", NAPI_AUTO_LENGTH, &name));
  napi_threadsafe_function callback;
  CHECK(napi_create_threadsafe_function(env, args[0], NULL, name, 0, 1, NULL, NULL, NULL, NULL,
                                        &callback));
  CHECK(napi_unref_threadsafe_function(env, callback));
  if (child_exit_callback != NULL) {
    napi_release_threadsafe_function(child_exit_callback, napi_tsfn_release);
  } else {
    uv_loop_t *loop;
    CHECK(napi_get_uv_event_loop(env, &loop));
    uv_signal_init(loop, &child_exit_signal);
    uv_signal_start(&child_exit_signal, on_child_exit_signal, SIGCHLD);
    uv_unref((uv_handle_t *)&child_exit_signal);
  }
  child_exit_callback = callback;
  return NULL;
}

napi_value hold_event_loop(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1];
  bool hold = false;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 1 || napi_get_value_bool(env, args[0], &hold) != napi_ok) {
    napi_throw_type_error(env, NULL, "holdEventLoop(hold) needs a boolean");
    return NULL;
  }
  if (child_exit_callback == NULL) return NULL;
  if (hold) {
    uv_ref((uv_handle_t *)&child_exit_signal);
    napi_ref_threadsafe_function(env, child_exit_callback);
  } else {
    uv_unref((uv_handle_t *)&child_exit_signal);
    napi_unref_threadsafe_function(env, child_exit_callback);
  }
  return NULL;
}
