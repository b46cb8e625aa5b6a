// charts/golang/format_float.h — Go's strconv.FormatFloat with the shortest precision, the
// way every float Helm prints is written.
//
// Numbers in values files are float64, and Helm prints them in three ways that each come down
// to FormatFloat(f, fmt, -1, bits): `{{ .Values.x }}` (fmt's %v, 'g': 1e+06, 1.5), `toJson`
// (encoding/json: 'f', or 'e' outside [1e-6, 1e21); see json_text.h), and a YAML float that
// sigs.k8s.io/yaml turns into a string or a map key ('g' at 32 bits: `appVersion: 1.10` is
// "1.1", a key 3.14159265358979 is "3.1415927").
#pragma once

#include <string>

namespace chartmirror::charts::go {

// strconv.FormatFloat(f, fmt, -1, bit_size) for fmt 'e', 'f' or 'g': the fewest digits that
// read back as the same float64, or as the same float32 when bit_size is 32 (f is first
// converted to float32, as Go does, so 1e300 is "+Inf"). 'e' writes at least two exponent
// digits (1e+06, 1.5e-07); 'g' is 'e' when the exponent is below -4 or at least 6 (the
// shortest form's limit), else 'f'. "+Inf", "-Inf", "NaN"; -0 is "-0".
[[nodiscard]] std::string format_float(double f, char fmt, int bit_size = 64);

}  // namespace chartmirror::charts::go
