#pragma once
// Symbol visibility for libchorus_core (built with -fvisibility=hidden).
#if defined(_WIN32)
#  if defined(CHORUS_CORE_BUILDING)
#    define CHORUS_CORE_API __declspec(dllexport)
#  else
#    define CHORUS_CORE_API __declspec(dllimport)
#  endif
#else
#  define CHORUS_CORE_API __attribute__((visibility("default")))
#endif
