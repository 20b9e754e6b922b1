#include "chorus/pin.hpp"

#include "chorus/error.hpp"

#include <gtest/gtest.h>

using namespace chorus;

TEST(Pin, Sha256MatchesTheStandardVectors)
{
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1000, 'a')).size(), 64u);
}

TEST(Pin, Pbkdf2MatchesRfc7914Vector)
{
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", 1), first 32 bytes.
    EXPECT_EQ(pbkdf2_sha256_hex("passwd", "salt", 1),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
}

TEST(Pin, HashIsSaltedAndMatchesOnlyItsPin)
{
    const PinHash first = hash_pin("4821", 1000);
    const PinHash second = hash_pin("4821", 1000);
    EXPECT_NE(first.salt, second.salt);
    EXPECT_NE(first.hash, second.hash);
    EXPECT_EQ(first.hash.find("4821"), std::string::npos);
    EXPECT_TRUE(pin_matches(first, "4821"));
    EXPECT_FALSE(pin_matches(first, "4822"));
    EXPECT_FALSE(pin_matches(first, ""));
    EXPECT_FALSE(pin_matches(PinHash{}, "4821"));
    PinHash damaged = first;
    damaged.salt[0] = 'z';
    EXPECT_FALSE(pin_matches(damaged, "4821"));
    EXPECT_THROW(hash_pin("12"), Error);
    EXPECT_THROW(hash_pin("12ab"), Error);
}
