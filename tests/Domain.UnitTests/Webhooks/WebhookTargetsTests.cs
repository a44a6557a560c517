using System.Net;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Domain.UnitTests.Webhooks;

public sealed class WebhookTargetsTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.0.9")]
    [TestCase("10.0.0.1")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.254")]
    [TestCase("192.168.0.10")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("100.127.255.255")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fc00::1")]
    [TestCase("fd12:3456::1")]
    [TestCase("fe80::1")]
    [TestCase("ff02::1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("64:ff9b::7f00:1")]
    public void Loopback_private_link_local_and_reserved_addresses_are_forbidden(string address)
    {
        Assert.That(WebhookTargets.IsForbidden(IPAddress.Parse(address)), Is.True);
    }

    // Every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries, at both ends where it matters.
    [TestCase("0.255.255.255")]
    [TestCase("192.0.0.0")]
    [TestCase("192.0.0.8")]
    [TestCase("192.0.0.9")]
    [TestCase("192.0.0.170")]
    [TestCase("192.0.0.255")]
    [TestCase("192.0.2.1")]
    [TestCase("192.31.196.1")]
    [TestCase("192.52.193.1")]
    [TestCase("192.88.99.1")]
    [TestCase("192.175.48.1")]
    [TestCase("198.18.0.0")]
    [TestCase("198.19.255.255")]
    [TestCase("198.51.100.1")]
    [TestCase("203.0.113.255")]
    [TestCase("239.255.255.250")]
    [TestCase("240.0.0.1")]
    [TestCase("::127.0.0.1")]
    [TestCase("::8.8.8.8")]
    [TestCase("::ffff:198.18.0.1")]
    [TestCase("::ffff:0:0")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("64:ff9b::c000:201")]
    [TestCase("64:ff9b:1::808:808")]
    [TestCase("100::1")]
    [TestCase("100:0:0:1::1")]
    [TestCase("2001::1")]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [TestCase("2001:1::1")]
    [TestCase("2001:2::1")]
    [TestCase("2001:3::1")]
    [TestCase("2001:4:112::1")]
    [TestCase("2001:10::1")]
    [TestCase("2001:20::1")]
    [TestCase("2001:30::1")]
    [TestCase("2001:1ff::1")]
    [TestCase("2001:db8::1")]
    [TestCase("2002:7f00:1::1")]
    [TestCase("2002:a00:1::")]
    [TestCase("2620:4f:8000::1")]
    [TestCase("3fff::1")]
    [TestCase("3fff:fff::1")]
    [TestCase("5f00::1")]
    [TestCase("fec0::1")]
    [TestCase("ff05::2")]
    [TestCase("1234::1")]
    public void Every_special_purpose_block_and_embedded_special_address_is_forbidden(string address)
    {
        Assert.That(WebhookTargets.IsForbidden(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("93.184.215.14")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("172.15.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("192.169.0.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    [TestCase("2001:200::1")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("2620:4f:8001::1")]
    [TestCase("2a00:1450:4001::200e")]
    [TestCase("192.0.1.255")]
    [TestCase("198.17.255.255")]
    [TestCase("198.20.0.1")]
    [TestCase("223.255.255.254")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.That(WebhookTargets.IsForbidden(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("http://127.0.0.1:8080/hook", true)]
    [TestCase("http://[::1]/hook", true)]
    [TestCase("http://2130706433/hook", true)]
    [TestCase("http://localhost/hook", false)]
    [TestCase("https://hooks.example.com/hook", false)]
    [TestCase("http://8.8.8.8/hook", false)]
    public void Only_literal_addresses_are_judged_from_the_url(string url, bool forbidden)
    {
        Assert.That(WebhookTargets.IsForbiddenLiteral(url), Is.EqualTo(forbidden));
    }
}
