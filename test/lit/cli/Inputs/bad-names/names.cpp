// A program whose region and unit names are built from bytes that are not
// UTF-8 when argv[1] is "bad", plain ASCII otherwise (bad-names.test).
#include <greenlint/greenlint.h>

#include <cstring>

int main(int Argc, char **Argv) {
  bool Bad = Argc > 1 && std::strcmp(Argv[1], "bad") == 0;
  const char *Region = Bad ? "infer:net\xff\xfe" : "infer:net";
  const char *Unit = Bad ? "img\xc3" : "img";
  volatile double Sink = 0;
  for (int I = 0; I < 4; ++I) {
    greenlint_region_begin(Region);
    for (int K = 0; K < 2000000; ++K)
      Sink = Sink + K * 0.5;
    greenlint_units(Unit, 1);
    greenlint_region_end();
  }
  return 0;
}
