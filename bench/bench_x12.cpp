// The X12 readers on their own, in C++: an 835 of 100,000 claims (the shape bench/compare_x12.py
// writes: one to three service lines a claim, contractual and patient adjustments that balance)
// read by the streaming reader from memory, and a 271 batch of 20,000 subscribers. Bytes a second
// are the figure: bench/compare_x12.py measures the same readers from Python beside pyx12 and
// linuxforhealth-x12.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "iop/io/x12/benefits.hpp"
#include "iop/io/x12/remittance.hpp"

namespace {

// A small deterministic generator: the same bytes every run.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next(std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  }
};

std::string money(std::int64_t cents) {
  std::string text = std::to_string(cents / 100);
  if (cents % 100 != 0) {
    text += '.';
    text += static_cast<char>('0' + cents % 100 / 10);
    if (cents % 10 != 0) text += static_cast<char>('0' + cents % 10);
  }
  return text;
}

std::string padded(std::uint64_t n, int width) {
  std::string text = std::to_string(n);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))), '0') + text;
}

const char* kIsa =
    "ISA*00*          *00*          *ZZ*EXAMPLEPAYER   *ZZ*LAIOPCLINIC    *260420*1200*^*00501*000000001*0*P*:~\n";

std::string make_835(int claims) {
  Lcg rng{835};
  const struct { const char* code; std::int64_t price; } prices[] = {{"S9480", 30000}, {"99214", 13000}, {"90853", 7500}};
  const std::int64_t contractual_percent[] = {0, 10, 15, 20};
  const std::int64_t patient_percent[] = {0, 20, 30};
  std::string body;
  std::int64_t total = 0;
  int segments = 0;
  auto add = [&](const std::string& segment) {
    body += segment;
    body += "~\n";
    ++segments;
  };
  for (int n = 0; n < claims; ++n) {
    std::string lines;
    std::int64_t charge = 0, paid = 0, patient = 0;
    const auto count = 1 + rng.next(3);
    std::string claim_lines;
    int line_segments = 0;
    for (std::uint64_t l = 0; l < count; ++l) {
      const auto& p = prices[rng.next(3)];
      const auto contractual = p.price * contractual_percent[rng.next(4)] / 100;
      const auto owed = (p.price - contractual) * patient_percent[rng.next(3)] / 100;
      const auto line_paid = p.price - contractual - owed;
      charge += p.price;
      paid += line_paid;
      patient += owed;
      claim_lines += "SVC*HC:" + std::string(p.code) + "*" + money(p.price) + "*" + money(line_paid) + "**1~\n";
      claim_lines += "DTM*472*202603" + padded(1 + static_cast<std::uint64_t>(n) % 28, 2) + "~\n";
      line_segments += 2;
      if (contractual != 0) claim_lines += "CAS*CO*45*" + money(contractual) + "~\n", ++line_segments;
      if (owed != 0) claim_lines += "CAS*PR*2*" + money(owed) + "~\n", ++line_segments;
    }
    total += paid;
    add("CLP*C" + padded(static_cast<std::uint64_t>(n), 7) + "*1*" + money(charge) + "*" + money(paid) + "*" +
        money(patient) + "*12*P" + padded(static_cast<std::uint64_t>(n), 9) + "*11*1");
    add("NM1*QC*1*PATIENT*P" + std::to_string(n % 997) + "****MI*M" + padded(static_cast<std::uint64_t>(n), 8));
    body += claim_lines;
    segments += line_segments;
  }
  std::string head = "ST*835*0001~\nBPR*I*" + money(total) +
                     "*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260420~\n"
                     "TRN*1*EFT0001*1512345678~\nN1*PR*EXAMPLE HEALTH PLAN~\nN3*100 MAIN STREET~\n"
                     "N4*LOS ANGELES*CA*90012~\nN1*PE*LOS ANGELES DEPRESSION IOP*XX*1234567893~\nLX*1~\n";
  segments += 8 + 1;
  return std::string(kIsa) + "GS*HP*EXAMPLEPAYER*LAIOPCLINIC*20260420*1200*1*X*005010X221A1~\n" + head + body + "SE*" +
         std::to_string(segments) + "*0001~\nGE*1*1~\nIEA*1*000000001~\n";
}

std::string make_271(int subscribers) {
  Lcg rng{271};
  const std::int64_t deductibles[] = {50000, 100000, 150000, 300000};
  std::string sets;
  for (int n = 0; n < subscribers; ++n) {
    const auto deductible = deductibles[rng.next(4)];
    const auto remaining = deductible * static_cast<std::int64_t>(rng.next(11)) / 10;
    const auto control = padded(static_cast<std::uint64_t>(n) + 1, 4);
    sets += "ST*271*" + control + "*005010X279A1~\nBHT*0022*11*ELIG" + padded(static_cast<std::uint64_t>(n), 6) +
            "*20260220*1200~\nHL*1**20*1~\nNM1*PR*2*EXAMPLE HEALTH PLAN*****PI*12345~\nHL*2*1*21*1~\n"
            "NM1*1P*2*LOS ANGELES DEPRESSION IOP*****XX*1234567893~\nHL*3*2*22*0~\nNM1*IL*1*SUBSCRIBER*S" +
            std::to_string(n % 991) + "****MI*M" + padded(static_cast<std::uint64_t>(n), 8) +
            "~\nDTP*291*RD8*20260101-20261231~\nEB*1*IND*30*C1*EXAMPLE PPO~\nEB*C*IND*MH***23*" + money(deductible) +
            "*****Y~\nEB*C*IND*MH***29*" + money(remaining) + "*****Y~\nEB*G*IND*MH***23*4000*****Y~\n"
            "EB*A*IND*MH*****0.2****Y~\nSE*15*" + control + "~\n";
  }
  return std::string(kIsa) + "GS*HB*EXAMPLEPAYER*LAIOPCLINIC*20260220*1200*1*X*005010X279A1~\n" + sets + "GE*" +
         std::to_string(subscribers) + "*1~\nIEA*1*000000001~\n";
}

// The streaming reader, as iop.x12.remittance_claims uses it: one claim at a time, nothing kept.
void BM_Read835_Stream(benchmark::State& state) {
  const auto text = make_835(static_cast<int>(state.range(0)));
  std::int64_t paid = 0;
  for (auto _ : state) {
    std::istringstream in(text);
    paid = 0;
    const auto head = iop::x12::read_835(in, [&](iop::RemittanceClaim&& c) { paid += c.paid.cents(); });
    if (head.total_paid.cents() != paid) throw std::logic_error("the claims do not add up to BPR02");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.counters["claims"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Read835_Stream)->Arg(100000)->Unit(benchmark::kMillisecond);

// The 271 batch into every person's benefits (the values, before any JSON).
void BM_Read271(benchmark::State& state) {
  const auto text = make_271(static_cast<int>(state.range(0)));
  iop::x12::X12Limits limits;
  limits.max_document_bytes = text.size();
  for (auto _ : state) {
    auto people = iop::x12::benefits_from_271(text, limits);
    if (people.size() != static_cast<std::size_t>(state.range(0))) throw std::logic_error("a subscriber was lost");
    benchmark::DoNotOptimize(people);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_Read271)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
