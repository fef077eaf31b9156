// SwiftPM links an executable's entry point as `<Module>_main`; under -parse-as-library the
// Swift module has none, so this C file provides `StudyFuzzer_main`, which hands control to
// libFuzzer's driver (the same thing libFuzzer's own `main` does).
#pragma once
