extern "C" double c_sum(const double *Values, int Count);

int main() {
  double Values[] = {1, 2, 3};
  return c_sum(Values, 3) == 6 ? 0 : 1;
}
