using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Models;

namespace KeyBox.Application.UnitTests.Paging;

public sealed class PageRequestTests
{
    [TestCase(null, 15, 0)]
    [TestCase(1, 15, 0)]
    [TestCase(3, 100, 200)]
    [TestCase(21474836, 100, 2147483500)]
    public void A_page_in_range_skips_the_pages_before_it(int? page, int perPage, int expected) =>
        Assert.That(new PageRequest(perPage, null, page).Offset(positionedByCursor: false), Is.EqualTo(expected));

    [TestCase(0, 15)]
    [TestCase(-1, 15)]
    [TestCase(21474837, 100)]
    [TestCase(int.MaxValue, 100)]
    [TestCase(int.MaxValue, 1)]
    public void A_page_out_of_range_is_invalid_input_not_an_overflow(int page, int perPage)
    {
        var error = Assert.Throws<ValidationException>(() => new PageRequest(perPage, null, page).Offset(positionedByCursor: false));
        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "page" }));
    }

    [Test]
    public void The_size_is_brought_within_the_cap()
    {
        Assert.That(new PageRequest(int.MaxValue, null, null).Size, Is.EqualTo(PageRequest.MaxPerPage));
        Assert.That(new PageRequest(int.MaxValue, null, null) { MaxSize = 1000 }.Size, Is.EqualTo(1000));
        Assert.That(new PageRequest(0, null, null).Size, Is.EqualTo(1));
    }
}
