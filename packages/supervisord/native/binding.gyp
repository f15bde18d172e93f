{
  "targets": [
    {
      "target_name": "supervisord_native",
      "sources": ["spawn.c"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-O2"]
    }
  ]
}
