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

    [TestCase("93.184.215.14")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("172.15.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("192.169.0.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
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
