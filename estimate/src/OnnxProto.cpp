//===- OnnxProto.cpp - ONNX's protobuf messages, decoded ------------------===//
#include "OnnxProto.h"
#include "ByteCursor.h"

namespace greenlint {
namespace estimate {
namespace onnx {

namespace {

enum WireType : uint32_t { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

/// Integer tensors larger than this are not kept: shapes and axes are
/// short, and a big int64 initializer is data, not a shape.
constexpr uint64_t MaxKeptInts = 64;
/// Far above the largest exported graphs (tens of thousands of nodes).
constexpr uint64_t MaxRecords = 2000000;

/// One protobuf message's fields, in order.
class Fields {
public:
  explicit Fields(ByteCursor &C) : C(C) {}

  /// The next field's number and wire type; false at the end or on error.
  bool next(uint32_t &Number, uint32_t &Wire) {
    if (C.failed() || C.atEnd())
      return false;
    uint64_t Key = 0;
    if (!C.readVarint(Key, "a field key"))
      return false;
    Number = uint32_t(Key >> 3);
    Wire = uint32_t(Key & 7);
    if (Number == 0 || (Key >> 3) > 0x1fffffff)
      return C.fail("field number " + std::to_string(Key >> 3) +
                    " is not a protobuf field number");
    return true;
  }

  bool skip(uint32_t Wire) {
    llvm::StringRef Ignored;
    uint64_t V = 0;
    switch (Wire) {
    case Varint:
      return C.readVarint(V, "a varint field");
    case Fixed64:
      return C.take(8, Ignored, "a 64-bit field");
    case Fixed32:
      return C.take(4, Ignored, "a 32-bit field");
    case Bytes:
      return bytes(Ignored);
    default:
      return C.fail("wire type " + std::to_string(Wire) +
                    " (protobuf groups or no wire type) is not used by ONNX");
    }
  }

  bool bytes(llvm::StringRef &Out) {
    uint64_t Len = 0;
    return C.readVarint(Len, "a length") && C.take(Len, Out, "a field");
  }

  /// A sub-message: a cursor over its bytes, offsets kept file-relative.
  bool message(uint32_t Wire, ByteCursor &Sub) {
    if (Wire != Bytes)
      return C.fail("a message field has wire type " + std::to_string(Wire));
    uint64_t Start = 0;
    llvm::StringRef Body;
    uint64_t Len = 0;
    if (!C.readVarint(Len, "a message length"))
      return false;
    Start = C.offset();
    if (!C.take(Len, Body, "a message"))
      return false;
    Sub = ByteCursor(Body, Start);
    return true;
  }

  bool string(uint32_t Wire, std::string &Out) {
    llvm::StringRef S;
    if (Wire != Bytes)
      return C.fail("a string field has wire type " + std::to_string(Wire));
    if (!bytes(S))
      return false;
    Out = S.str();
    return true;
  }

  bool integer(uint32_t Wire, int64_t &Out) {
    uint64_t V = 0;
    if (Wire != Varint)
      return C.fail("an integer field has wire type " + std::to_string(Wire));
    if (!C.readVarint(V, "an integer"))
      return false;
    Out = int64_t(V);
    return true;
  }

  /// A repeated int64: packed (one length-delimited run) or one per field.
  bool ints(uint32_t Wire, std::vector<int64_t> &Out, uint64_t Keep = ~0ull) {
    if (Wire == Varint) {
      int64_t V = 0;
      if (!integer(Wire, V))
        return false;
      if (Out.size() < Keep)
        Out.push_back(V);
      return true;
    }
    ByteCursor Run(llvm::StringRef(), 0);
    if (!message(Wire, Run))
      return false;
    while (!Run.atEnd()) {
      uint64_t V = 0;
      if (!Run.readVarint(V, "a packed integer"))
        return C.fail(Run.why());
      if (Out.size() < Keep)
        Out.push_back(int64_t(V));
    }
    return true;
  }

  ByteCursor &C;
};

/// Runs \p Field for each field of the message in \p C; forwards a nested
/// failure to the parent.
template <typename Fn> bool eachField(ByteCursor &C, Fn Field) {
  Fields F(C);
  uint32_t Number = 0, Wire = 0;
  while (F.next(Number, Wire))
    if (!Field(F, Number, Wire))
      break;
  return !C.failed();
}

/// A failure inside a sub-message, moved to the parent with its offset.
bool propagate(ByteCursor &Parent, const ByteCursor &Child, uint64_t &At,
               std::string &Why) {
  if (!Child.failed())
    return true;
  if (Why.empty()) {
    Why = Child.why();
    At = Child.failedAt();
  }
  return Parent.fail(Child.why());
}

struct Decoder {
  std::string Why;
  uint64_t At = 0;

  uint64_t Records = 0;

  /// Counts one decoded record (node, attribute, tensor, value, dimension):
  /// a hostile file of empty messages must not make a small file cost
  /// gigabytes of memory.
  bool count(ByteCursor &C) {
    if (++Records <= MaxRecords)
      return true;
    return C.fail("more than " + std::to_string(MaxRecords) +
                  " nodes, attributes, tensors and dimensions; not a model "
                  "greenlint reads");
  }

  bool tensor(Fields &Parent, uint32_t Wire, Tensor &T) {
    ByteCursor C(llvm::StringRef(), 0);
    if (!count(Parent.C) || !Parent.message(Wire, C))
      return false;
    llvm::StringRef Raw;
    bool HasRaw = false;
    std::vector<int64_t> Int64s, Int32s;
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      switch (N) {
      case 1:
        return F.ints(W, T.Dims);
      case 2: {
        int64_t V = 0;
        if (!F.integer(W, V))
          return false;
        T.Type = int32_t(V);
        return true;
      }
      case 5:
        return F.ints(W, Int32s, MaxKeptInts + 1);
      case 7:
        return F.ints(W, Int64s, MaxKeptInts + 1);
      case 8:
        return F.string(W, T.Name);
      case 9:
        HasRaw = true;
        if (W != Bytes)
          return C.fail("raw_data has wire type " + std::to_string(W));
        return F.bytes(Raw);
      case 13: { // external_data: key/value pairs
        ByteCursor E(llvm::StringRef(), 0);
        if (!F.message(W, E))
          return false;
        std::string Key, Value;
        eachField(E, [&](Fields &G, uint32_t M, uint32_t X) {
          if (M == 1)
            return G.string(X, Key);
          if (M == 2)
            return G.string(X, Value);
          return G.skip(X);
        });
        if (!propagate(C, E, At, Why))
          return false;
        if (Key == "location")
          T.ExternalLocation = Value;
        return true;
      }
      case 14: {
        int64_t V = 0;
        if (!F.integer(W, V))
          return false;
        T.External = V == 1;
        return true;
      }
      default:
        return F.skip(W);
      }
    });
    if (!propagate(Parent.C, C, At, Why))
      return false;
    if (T.Type == Int64 && HasRaw && Raw.size() % 8 == 0 &&
        Raw.size() / 8 <= MaxKeptInts) {
      ByteCursor R(Raw, 0);
      for (size_t I = 0; I < Raw.size() / 8; ++I) {
        int64_t V = 0;
        R.readLE(V, "an int64");
        T.Ints.push_back(V);
      }
      T.HasInts = true;
    } else if (T.Type == Int64 && !HasRaw && Int64s.size() <= MaxKeptInts) {
      T.Ints = Int64s;
      T.HasInts = true;
    } else if (T.Type == Int32 && !HasRaw && Int32s.size() <= MaxKeptInts) {
      T.Ints = Int32s;
      T.HasInts = true;
    }
    return true;
  }

  bool attribute(Fields &Parent, uint32_t Wire, Attribute &A) {
    ByteCursor C(llvm::StringRef(), 0);
    if (!count(Parent.C) || !Parent.message(Wire, C))
      return false;
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      switch (N) {
      case 1:
        return F.string(W, A.Name);
      case 2: {
        if (W != Fixed32)
          return C.fail("attribute f has wire type " + std::to_string(W));
        float V = 0;
        if (!C.readLE(V, "a float attribute"))
          return false;
        A.F = V;
        return true;
      }
      case 3: {
        int64_t V = 0;
        if (!F.integer(W, V))
          return false;
        A.I = V;
        return true;
      }
      case 4:
        return F.string(W, A.S);
      case 5: {
        Tensor T;
        if (!tensor(F, W, T))
          return false;
        A.T = std::move(T);
        return true;
      }
      case 6:
      case 11:
        A.HasGraph = true;
        return F.skip(W);
      case 8:
        return F.ints(W, A.Ints);
      default:
        return F.skip(W);
      }
    });
    return propagate(Parent.C, C, At, Why);
  }

  bool node(Fields &Parent, uint32_t Wire, Node &Out) {
    ByteCursor C(llvm::StringRef(), 0);
    Out.Offset = Parent.C.offset();
    if (!count(Parent.C) || !Parent.message(Wire, C))
      return false;
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      switch (N) {
      case 1:
        Out.Inputs.emplace_back();
        return count(C) && F.string(W, Out.Inputs.back());
      case 2:
        Out.Outputs.emplace_back();
        return count(C) && F.string(W, Out.Outputs.back());
      case 3:
        return F.string(W, Out.Name);
      case 4:
        return F.string(W, Out.OpType);
      case 5:
        Out.Attributes.emplace_back();
        return attribute(F, W, Out.Attributes.back());
      case 7:
        return F.string(W, Out.Domain);
      default:
        return F.skip(W);
      }
    });
    return propagate(Parent.C, C, At, Why);
  }

  bool shape(Fields &Parent, uint32_t Wire,
             std::optional<std::vector<Dimension>> &Out) {
    ByteCursor C(llvm::StringRef(), 0);
    if (!Parent.message(Wire, C))
      return false;
    Out.emplace();
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      if (N != 1)
        return F.skip(W);
      ByteCursor D(llvm::StringRef(), 0);
      if (!count(C) || !F.message(W, D))
        return false;
      Dimension Dim;
      eachField(D, [&](Fields &G, uint32_t M, uint32_t X) {
        if (M == 1) {
          int64_t V = 0;
          if (!G.integer(X, V))
            return false;
          Dim.Value = V;
          return true;
        }
        if (M == 2)
          return G.string(X, Dim.Param);
        return G.skip(X);
      });
      Out->push_back(Dim);
      return propagate(C, D, At, Why);
    });
    return propagate(Parent.C, C, At, Why);
  }

  bool valueInfo(Fields &Parent, uint32_t Wire, ValueInfo &V) {
    ByteCursor C(llvm::StringRef(), 0);
    if (!count(Parent.C) || !Parent.message(Wire, C))
      return false;
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      if (N == 1)
        return F.string(W, V.Name);
      if (N != 2)
        return F.skip(W);
      // TypeProto: only tensor_type (1) has a shape greenlint uses.
      ByteCursor T(llvm::StringRef(), 0);
      if (!F.message(W, T))
        return false;
      eachField(T, [&](Fields &G, uint32_t M, uint32_t X) {
        if (M != 1)
          return G.skip(X);
        ByteCursor TT(llvm::StringRef(), 0);
        if (!G.message(X, TT))
          return false;
        eachField(TT, [&](Fields &H, uint32_t K, uint32_t Y) {
          if (K == 1) {
            int64_t E = 0;
            if (!H.integer(Y, E))
              return false;
            V.ElementType = int32_t(E);
            return true;
          }
          if (K == 2)
            return shape(H, Y, V.Shape);
          return H.skip(Y);
        });
        return propagate(T, TT, At, Why);
      });
      return propagate(C, T, At, Why);
    });
    return propagate(Parent.C, C, At, Why);
  }

  bool graph(Fields &Parent, uint32_t Wire, Graph &G) {
    ByteCursor C(llvm::StringRef(), 0);
    if (!Parent.message(Wire, C))
      return false;
    eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
      switch (N) {
      case 1:
        G.Nodes.emplace_back();
        return node(F, W, G.Nodes.back());
      case 2:
        return F.string(W, G.Name);
      case 5:
        G.Initializers.emplace_back();
        return tensor(F, W, G.Initializers.back());
      case 11:
        G.Inputs.emplace_back();
        return valueInfo(F, W, G.Inputs.back());
      case 12:
        G.Outputs.emplace_back();
        return valueInfo(F, W, G.Outputs.back());
      case 13:
        G.ValueInfos.emplace_back();
        return valueInfo(F, W, G.ValueInfos.back());
      case 15:
        ++G.SparseInitializers;
        return F.skip(W);
      default:
        return F.skip(W);
      }
    });
    return propagate(Parent.C, C, At, Why);
  }
};

} // namespace

const Attribute *Node::attribute(llvm::StringRef AttrName) const {
  for (const Attribute &A : Attributes)
    if (A.Name == AttrName)
      return &A;
  return nullptr;
}

int64_t Node::intAttribute(llvm::StringRef AttrName, int64_t Default) const {
  const Attribute *A = attribute(AttrName);
  return A && A->I ? *A->I : Default;
}

std::vector<int64_t> Node::intsAttribute(llvm::StringRef AttrName) const {
  const Attribute *A = attribute(AttrName);
  return A ? A->Ints : std::vector<int64_t>();
}

std::string Node::stringAttribute(llvm::StringRef AttrName) const {
  const Attribute *A = attribute(AttrName);
  return A ? A->S : std::string();
}

bool parseModel(llvm::StringRef Bytes, Model &Out, std::string &Why,
                uint64_t &At) {
  ByteCursor C(Bytes, 0);
  Decoder D;
  eachField(C, [&](Fields &F, uint32_t N, uint32_t W) {
    switch (N) {
    case 1:
      return F.integer(W, Out.IrVersion);
    case 2:
      return F.string(W, Out.Producer);
    case 3:
      return F.string(W, Out.ProducerVersion);
    case 7:
      Out.HasGraph = true;
      return D.graph(F, W, Out.Main);
    case 8: { // OperatorSetIdProto: domain (1), version (2)
      ByteCursor O(llvm::StringRef(), 0);
      if (!F.message(W, O))
        return false;
      if (!D.count(C))
        return false;
      std::pair<std::string, int64_t> Opset;
      eachField(O, [&](Fields &G, uint32_t M, uint32_t X) {
        if (M == 1)
          return G.string(X, Opset.first);
        if (M == 2)
          return G.integer(X, Opset.second);
        return G.skip(X);
      });
      Out.Opsets.push_back(Opset);
      return propagate(C, O, D.At, D.Why);
    }
    default:
      return F.skip(W);
    }
  });
  if (!C.failed())
    return true;
  // The innermost failure names the byte; the outer ones only repeat it.
  Why = D.Why.empty() ? C.why() : D.Why;
  At = D.Why.empty() ? C.failedAt() : D.At;
  return false;
}

double elementBytes(int32_t Type) {
  switch (Type) {
  case Float:
  case Int32:
  case Uint32:
    return 4;
  case Uint8:
  case Int8:
  case Bool:
  case Float8E4M3FN:
  case Float8E4M3FNUZ:
  case Float8E5M2:
  case Float8E5M2FNUZ:
    return 1;
  case Uint16:
  case Int16:
  case Float16:
  case BFloat16:
    return 2;
  case Int64:
  case Uint64:
  case Double:
  case Complex64:
    return 8;
  case Complex128:
    return 16;
  case Uint4:
  case Int4:
    return 0.5;
  default:
    return 0;
  }
}

std::string dtypeName(int32_t Type) {
  switch (Type) {
  case Float:
    return "float32";
  case Uint8:
    return "uint8";
  case Int8:
    return "int8";
  case Uint16:
    return "uint16";
  case Int16:
    return "int16";
  case Int32:
    return "int32";
  case Int64:
    return "int64";
  case String:
    return "string";
  case Bool:
    return "bool";
  case Float16:
    return "float16";
  case Double:
    return "float64";
  case Uint32:
    return "uint32";
  case Uint64:
    return "uint64";
  case Complex64:
    return "complex64";
  case Complex128:
    return "complex128";
  case BFloat16:
    return "bfloat16";
  case Float8E4M3FN:
  case Float8E4M3FNUZ:
    return "float8e4m3";
  case Float8E5M2:
  case Float8E5M2FNUZ:
    return "float8e5m2";
  case Uint4:
    return "uint4";
  case Int4:
    return "int4";
  default:
    return "type " + std::to_string(Type);
  }
}

} // namespace onnx
} // namespace estimate
} // namespace greenlint
