double c_sum(const double *Values, int Count) {
  double Sum = 0;
  for (int I = 0; I < Count; ++I)
    Sum += Values[I];
  return Sum;
}
