// Minimal stand-in for LightGBM's include/LightGBM/c_api.h, written for
// greenlint's lit tests: the real public names and signatures of the C API
// the rules match (datasets, boosters, training rounds, prediction, saving),
// and no implementation. Debian 12 ships no LightGBM headers.
#ifndef GREENLINT_TEST_INPUTS_LIGHTGBM_C_API_H
#define GREENLINT_TEST_INPUTS_LIGHTGBM_C_API_H

#include <stdint.h>

#define C_API_DTYPE_FLOAT32 (0)
#define C_API_DTYPE_FLOAT64 (1)
#define C_API_DTYPE_INT32 (2)
#define C_API_DTYPE_INT64 (3)

#define C_API_PREDICT_NORMAL (0)
#define C_API_PREDICT_RAW_SCORE (1)

#define C_API_FEATURE_IMPORTANCE_SPLIT (0)

typedef void *DatasetHandle;
typedef void *BoosterHandle;

#ifdef __cplusplus
extern "C" {
#endif

int LGBM_DatasetCreateFromFile(const char *filename, const char *parameters,
                               const DatasetHandle reference,
                               DatasetHandle *out);
int LGBM_DatasetCreateFromMat(const void *data, int data_type, int32_t nrow,
                              int32_t ncol, int is_row_major,
                              const char *parameters,
                              const DatasetHandle reference,
                              DatasetHandle *out);
int LGBM_DatasetFree(DatasetHandle handle);

int LGBM_BoosterCreate(const DatasetHandle train_data, const char *parameters,
                       BoosterHandle *out);
int LGBM_BoosterCreateFromModelfile(const char *filename,
                                    int *out_num_iterations,
                                    BoosterHandle *out);
int LGBM_BoosterLoadModelFromString(const char *model_str,
                                    int *out_num_iterations,
                                    BoosterHandle *out);
int LGBM_BoosterFree(BoosterHandle handle);

int LGBM_BoosterAddValidData(BoosterHandle handle,
                             const DatasetHandle valid_data);
int LGBM_BoosterUpdateOneIter(BoosterHandle handle, int *is_finished);
int LGBM_BoosterGetEval(BoosterHandle handle, int data_idx, int *out_len,
                        double *out_results);
int LGBM_BoosterSaveModel(BoosterHandle handle, int start_iteration,
                          int num_iteration, int feature_importance_type,
                          const char *filename);
int LGBM_BoosterSaveModelToString(BoosterHandle handle, int start_iteration,
                                  int num_iteration,
                                  int feature_importance_type,
                                  int64_t buffer_len, int64_t *out_len,
                                  char *out_str);

int LGBM_BoosterPredictForMat(BoosterHandle handle, const void *data,
                              int data_type, int32_t nrow, int32_t ncol,
                              int is_row_major, int predict_type,
                              int start_iteration, int num_iteration,
                              const char *parameter, int64_t *out_len,
                              double *out_result);
int LGBM_BoosterPredictForCSR(BoosterHandle handle, const void *indptr,
                              int indptr_type, const int32_t *indices,
                              const void *data, int data_type, int64_t nindptr,
                              int64_t nelem, int64_t num_col, int predict_type,
                              int start_iteration, int num_iteration,
                              const char *parameter, int64_t *out_len,
                              double *out_result);

#ifdef __cplusplus
}
#endif

#endif
