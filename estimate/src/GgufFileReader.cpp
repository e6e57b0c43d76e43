//===- GgufFileReader.cpp - GGUF header and tensor table ------------------===//
//
// GGUF (llama.cpp's format, documented in ggml's docs/gguf.md): the magic
// "GGUF", a version, the tensor and metadata counts, the metadata as typed
// key-value pairs, then one record per tensor (name, dimensions, ggml type,
// offset into the aligned data section). Only the header is read: the
// weights stay on disk, so a 40 GB file costs a few kilobytes of reading.
//
//===----------------------------------------------------------------------===//
#include "ByteCursor.h"
#include "GgmlTypes.h"
#include "greenlint/estimate/ModelFile.h"
#include "llvm/Support/Path.h"
#include <map>

namespace greenlint {
namespace estimate {

namespace {

// Metadata value types (gguf.md, gguf_metadata_value_type).
enum : uint32_t {
  GgufUint8 = 0,
  GgufInt8,
  GgufUint16,
  GgufInt16,
  GgufUint32,
  GgufInt32,
  GgufFloat32,
  GgufBool,
  GgufString,
  GgufArray,
  GgufUint64,
  GgufInt64,
  GgufFloat64
};

/// Bytes of a fixed-size value type; 0 for strings and arrays (and for
/// numbers that are no type).
uint64_t fixedSize(uint32_t Type) {
  switch (Type) {
  case GgufUint8:
  case GgufInt8:
  case GgufBool:
    return 1;
  case GgufUint16:
  case GgufInt16:
    return 2;
  case GgufUint32:
  case GgufInt32:
  case GgufFloat32:
    return 4;
  case GgufUint64:
  case GgufInt64:
  case GgufFloat64:
    return 8;
  default:
    return 0;
  }
}

/// Longest string kept from the metadata: names and architectures are
/// short; longer values (chat templates) are skipped, not copied.
constexpr uint64_t MaxKeptString = 4096;
/// ggml's GGML_MAX_DIMS, and a bound on names that no real file nears
/// (GGML_MAX_NAME is 64).
constexpr uint32_t MaxDims = 4;
constexpr uint64_t MaxTensorName = 65536;
/// Arrays of arrays nest; a hostile file must not recurse us off the stack.
constexpr int MaxArrayDepth = 8;

class GgufReader {
public:
  GgufReader(llvm::StringRef Bytes) : C(Bytes) {}

  bool readString(std::string *Out, const char *What) {
    uint64_t Len = 0;
    llvm::StringRef S;
    if (!C.readLE(Len, What) || !C.take(Len, S, What))
      return false;
    if (Out && Len <= MaxKeptString)
      *Out = S.str();
    return true;
  }

  /// Reads (or skips) one value of \p Type; integers are kept in \p Int.
  bool readValue(uint32_t Type, std::optional<uint64_t> &Int, std::string *Str,
                 int Depth) {
    if (Type == GgufString)
      return readString(Str, "a metadata string");
    if (Type == GgufArray)
      return readArray(Depth + 1);
    uint64_t Size = fixedSize(Type);
    if (!Size)
      return C.fail("metadata value type " + std::to_string(Type) +
                    " is not a GGUF type (0-12)");
    if (Type == GgufUint32 || Type == GgufInt32) {
      uint32_t V = 0;
      if (!C.readLE(V, "a metadata value"))
        return false;
      if (Type == GgufUint32 || int32_t(V) >= 0)
        Int = Type == GgufUint32 ? V : uint64_t(int32_t(V));
      return true;
    }
    if (Type == GgufUint64 || Type == GgufInt64) {
      uint64_t V = 0;
      if (!C.readLE(V, "a metadata value"))
        return false;
      if (Type == GgufUint64 || int64_t(V) >= 0)
        Int = V;
      return true;
    }
    if (Type == GgufUint16 || Type == GgufInt16 || Type == GgufUint8) {
      uint64_t V = 0;
      for (uint64_t I = 0; I < Size; ++I) {
        uint8_t B = 0;
        if (!C.readLE(B, "a metadata value"))
          return false;
        V |= uint64_t(B) << (8 * I);
      }
      if (Type != GgufInt16 || !(V & 0x8000))
        Int = V;
      return true;
    }
    llvm::StringRef Raw;
    return C.take(Size, Raw, "a metadata value");
  }

  bool readArray(int Depth) {
    if (Depth > MaxArrayDepth)
      return C.fail("metadata arrays nest deeper than " +
                    std::to_string(MaxArrayDepth) + " levels");
    uint32_t Type = 0;
    uint64_t Count = 0;
    if (!C.readLE(Type, "an array's element type") ||
        !C.readLE(Count, "an array's length"))
      return false;
    if (uint64_t Size = fixedSize(Type)) {
      llvm::StringRef Raw;
      if (Count > C.remaining() / Size)
        return C.fail("an array of " + std::to_string(Count) + " elements of " +
                      std::to_string(Size) +
                      " bytes does not fit in the rest of the file "
                      "(truncated?)");
      return C.take(Count * Size, Raw, "an array");
    }
    if (Type != GgufString && Type != GgufArray)
      return C.fail("array element type " + std::to_string(Type) +
                    " is not a GGUF type (0-12)");
    // Every string or array element takes at least 8 (12) bytes: a count
    // larger than the rest of the file allows is refused before looping.
    if (Count > C.remaining() / 8)
      return C.fail("an array of " + std::to_string(Count) +
                    " strings or arrays does not fit in the rest of the file "
                    "(truncated?)");
    for (uint64_t I = 0; I < Count; ++I) {
      std::optional<uint64_t> Ignored;
      if (!readValue(Type, Ignored, nullptr, Depth))
        return false;
    }
    return true;
  }

  ByteCursor C;
};

struct TypeTotals {
  uint64_t Tensors = 0, Parameters = 0;
  double Bytes = 0;
};

bool overflowMul(uint64_t A, uint64_t B, uint64_t &Out) {
  return __builtin_mul_overflow(A, B, &Out);
}

} // namespace

bool readGgufFile(llvm::StringRef Path, llvm::StringRef Bytes,
                  ModelEstimate &Out, std::string &Error) {
  GgufReader R(Bytes);
  ByteCursor &C = R.C;
  auto Failed = [&]() {
    Error = "greenlint: " + Path.str() + ": byte " +
            std::to_string(C.failedAt()) + ": " + C.why() +
            "; the file is not a complete GGUF model: check the download "
            "or export it again";
    return false;
  };
  llvm::StringRef Magic;
  if (!C.take(4, Magic, "the GGUF magic"))
    return Failed();
  if (Magic != "GGUF") {
    C = ByteCursor(Bytes);
    C.fail("the file does not start with the GGUF magic \"GGUF\"");
    return Failed();
  }
  uint32_t Version = 0;
  if (!C.readLE(Version, "the GGUF version"))
    return Failed();
  if (Version == 1 || Version > 3) {
    // A big-endian file's version reads as 0x0N000000 here.
    bool BigEndian = Version > 0xffff && (Version >> 24) >= 1 &&
                     (Version >> 24) <= 3 && !(Version & 0xffffff);
    C.fail(BigEndian      ? "this is a big-endian GGUF file, which greenlint "
                            "does not read"
           : Version == 1 ? "GGUF version 1 (2023, 32-bit counts) is not read"
                          : "GGUF version " + std::to_string(Version) +
                                " is newer than greenlint reads (2 and 3)");
    return Failed();
  }
  uint64_t TensorCount = 0, KvCount = 0;
  if (!C.readLE(TensorCount, "the tensor count") ||
      !C.readLE(KvCount, "the metadata count"))
    return Failed();
  // A key-value pair takes at least 13 bytes, a tensor record 28.
  if (KvCount > C.remaining() / 13) {
    C.fail("the metadata count " + std::to_string(KvCount) +
           " does not fit in the file (truncated?)");
    return Failed();
  }
  std::map<std::string, uint64_t> Ints;
  std::map<std::string, std::string> Strings;
  for (uint64_t I = 0; I < KvCount; ++I) {
    std::string Key;
    uint32_t Type = 0;
    if (!R.readString(&Key, "a metadata key") ||
        !C.readLE(Type, "a metadata value type"))
      return Failed();
    std::optional<uint64_t> Int;
    std::string Str;
    if (!R.readValue(Type, Int, &Str, 0))
      return Failed();
    if (Int)
      Ints[Key] = *Int;
    if (Type == GgufString)
      Strings[Key] = Str;
  }
  if (TensorCount > C.remaining() / 28) {
    C.fail("the tensor count " + std::to_string(TensorCount) +
           " does not fit in the file (truncated?)");
    return Failed();
  }
  uint64_t Alignment = 32;
  if (auto It = Ints.find("general.alignment"); It != Ints.end())
    Alignment = It->second;
  if (Alignment == 0 || (Alignment & (Alignment - 1)) ||
      Alignment > (1u << 30)) {
    C.fail("general.alignment is " + std::to_string(Alignment) +
           ", not a power of two");
    return Failed();
  }

  struct TensorRecord {
    uint64_t At, Elements, Offset;
    const GgmlType *Type;
    uint32_t TypeId;
    std::string Name;
  };
  std::vector<TensorRecord> Tensors;
  uint64_t Parameters = 0;
  for (uint64_t I = 0; I < TensorCount; ++I) {
    TensorRecord T;
    T.At = C.offset();
    uint64_t NameLen = 0;
    llvm::StringRef Name;
    if (!C.readLE(NameLen, "a tensor name's length"))
      return Failed();
    if (NameLen > MaxTensorName) {
      C.fail("a tensor name of " + std::to_string(NameLen) +
             " bytes (ggml's names have at most 64)");
      return Failed();
    }
    uint32_t Dims = 0;
    if (!C.take(NameLen, Name, "a tensor name") ||
        !C.readLE(Dims, "a tensor's dimension count"))
      return Failed();
    T.Name = Name.str();
    if (Dims == 0 || Dims > MaxDims) {
      C.fail("tensor '" + T.Name + "' has " + std::to_string(Dims) +
             " dimensions; ggml tensors have 1 to 4");
      return Failed();
    }
    T.Elements = 1;
    uint64_t FirstDim = 0;
    for (uint32_t D = 0; D < Dims; ++D) {
      uint64_t N = 0;
      if (!C.readLE(N, "a tensor dimension"))
        return Failed();
      if (D == 0)
        FirstDim = N;
      if (int64_t(N) < 0 || overflowMul(T.Elements, N, T.Elements) ||
          int64_t(T.Elements) < 0) {
        C.fail("tensor '" + T.Name + "' has more elements than 2^63");
        return Failed();
      }
    }
    if (!C.readLE(T.TypeId, "a tensor's type") ||
        !C.readLE(T.Offset, "a tensor's data offset"))
      return Failed();
    T.Type = ggmlType(T.TypeId);
    if (T.Type && FirstDim % T.Type->BlockWeights) {
      Error = "greenlint: " + Path.str() + ": byte " + std::to_string(T.At) +
              ": tensor '" + T.Name + "' has a first dimension of " +
              std::to_string(FirstDim) + ", not a multiple of " + T.Type->Name +
              "'s block of " + std::to_string(T.Type->BlockWeights) +
              " weights; the file is damaged: export it again";
      return false;
    }
    if (__builtin_add_overflow(Parameters, T.Elements, &Parameters)) {
      C.fail("the tensors hold more than 2^64 elements");
      return Failed();
    }
    Tensors.push_back(std::move(T));
  }
  uint64_t DataStart = (C.offset() + Alignment - 1) / Alignment * Alignment;
  uint64_t DataSize = DataStart <= Bytes.size() ? Bytes.size() - DataStart : 0;

  std::map<std::string, TypeTotals> ByType;
  double WeightBytes = 0;
  std::vector<std::string> UnknownTypes;
  uint64_t EmbeddingElements = 0;
  bool HasOutput = false;
  for (const TensorRecord &T : Tensors) {
    if (T.Name == "token_embd.weight")
      EmbeddingElements = T.Elements;
    if (T.Name == "output.weight")
      HasOutput = true;
    if (!T.Type) {
      UnknownTypes.push_back("weight bytes: tensor '" + T.Name +
                             "' has ggml type " + std::to_string(T.TypeId) +
                             ", which is not in greenlint's table");
      continue;
    }
    uint64_t Size = T.Elements / T.Type->BlockWeights * T.Type->BlockBytes;
    if (T.Offset % Alignment || T.Offset > DataSize ||
        Size > DataSize - T.Offset) {
      Error = "greenlint: " + Path.str() + ": byte " + std::to_string(T.At) +
              ": tensor '" + T.Name + "' (" + std::to_string(Size) +
              " bytes of " + T.Type->Name + " at data offset " +
              std::to_string(T.Offset) + ") " +
              (T.Offset % Alignment
                   ? "is not aligned to " + std::to_string(Alignment) + " bytes"
                   : "lies past the end of the file (" +
                         std::to_string(DataSize) + " bytes of data)") +
              "; the file is truncated or damaged: check the download";
      return false;
    }
    TypeTotals &Tot = ByType[T.Type->Name];
    ++Tot.Tensors;
    Tot.Parameters += T.Elements;
    Tot.Bytes += double(Size);
    WeightBytes += double(Size);
  }

  Out.Model = llvm::sys::path::filename(Path).str();
  Out.Framework = "gguf";
  Out.File = Path.str();
  Out.Parameters = Parameters;
  // The dtype is the type holding most of the weights (a Q4_K_M file
  // keeps some tensors in Q6_K and the norms in F32).
  std::string Main;
  double MainBytes = -1;
  nlohmann::ordered_json Types = nlohmann::ordered_json::object();
  for (const auto &[Name, Tot] : ByType) {
    Types[Name] = {{"tensors", Tot.Tensors},
                   {"parameters", Tot.Parameters},
                   {"bytes", Tot.Bytes}};
    if (Tot.Bytes > MainBytes) {
      MainBytes = Tot.Bytes;
      Main = Name;
    }
  }
  Out.Dtype = Main.empty() ? "unknown" : Main;
  Out.ComputeDtype = Main == "F32"    ? "float32"
                     : Main == "BF16" ? "bfloat16"
                     : Main == "F64"  ? "float64"
                                      : "float16";
  if (UnknownTypes.empty()) {
    Out.WeightBytes = WeightBytes;
    Out.BytesPerParameter = Parameters ? WeightBytes / double(Parameters) : 0;
  } else {
    Out.BytesPerParameter = 0;
    Out.Unknown.insert(Out.Unknown.end(), UnknownTypes.begin(),
                       UnknownTypes.end());
  }
  // The token embedding is a lookup, not a product, unless the model has
  // no output matrix and reuses it as one (tied embeddings).
  uint64_t Multiplied = HasOutput ? Parameters - EmbeddingElements : Parameters;
  Out.FlopsPerSample = 2.0 * double(Multiplied);
  Out.FlopsBasis = HasOutput && EmbeddingElements
                       ? "one token (2 x the parameters outside the token "
                         "embedding, Kaplan et al. 2020; attention over the "
                         "context not counted)"
                       : "one token (2 x parameters, Kaplan et al. 2020; "
                         "attention over the context not counted)";
  Out.Details["gguf_version"] = Version;
  Out.Details["tensors"] = TensorCount;
  Out.Details["metadata_keys"] = KvCount;
  std::string Arch;
  if (auto It = Strings.find("general.architecture"); It != Strings.end())
    Arch = It->second;
  if (!Arch.empty())
    Out.Details["architecture"] = Arch;
  if (auto It = Strings.find("general.name"); It != Strings.end())
    Out.Details["name"] = It->second;
  if (auto It = Ints.find(Arch + ".context_length");
      !Arch.empty() && It != Ints.end())
    Out.Details["context_length"] = It->second;
  else
    Out.Details["context_length"] = nullptr;
  Out.Details["weight_types"] = Types;
  return true;
}

} // namespace estimate
} // namespace greenlint
