{
  "targets": [
    {
      "target_name": "supervisord_native",
      "sources": ["addon.c", "spawn.c", "pipes.c"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-O2"]
    }
  ]
}
