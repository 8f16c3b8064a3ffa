// Every kioskctl subcommand, one function each; registered in commands.cpp.
#pragma once

#include "command.h"

namespace kiosk::cli {

int configCheck(const QStringList& args, const GlobalOptions& global, Output& out);
int version(const QStringList& args, const GlobalOptions& global, Output& out);
int selftest(const QStringList& args, const GlobalOptions& global, Output& out);
int provision(const QStringList& args, const GlobalOptions& global, Output& out);
int cardListReaders(const QStringList& args, const GlobalOptions& global, Output& out);
int cardWatch(const QStringList& args, const GlobalOptions& global, Output& out);
int cardRead(const QStringList& args, const GlobalOptions& global, Output& out);
int queueStatus(const QStringList& args, const GlobalOptions& global, Output& out);
int queueList(const QStringList& args, const GlobalOptions& global, Output& out);
int queueRetry(const QStringList& args, const GlobalOptions& global, Output& out);
int queuePurgeExpired(const QStringList& args, const GlobalOptions& global, Output& out);
int faceQuality(const QStringList& args, const GlobalOptions& global, Output& out);
int faceVerify(const QStringList& args, const GlobalOptions& global, Output& out);
int proof(const QStringList& args, const GlobalOptions& global, Output& out);
int technicianAdd(const QStringList& args, const GlobalOptions& global, Output& out);
int liveness(const QStringList& args, const GlobalOptions& global, Output& out);
int ocrImage(const QStringList& args, const GlobalOptions& global, Output& out);

}  // namespace kiosk::cli
