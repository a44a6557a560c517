using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Keeps the error responses a surface's base controller declares (401/403/422/429 with the surface's envelope) on
/// every controller of that surface. Reflection drops an inherited <c>[ProducesResponseType&lt;T&gt;]</c> as soon as the
/// derived controller declares one with the same <c>T</c> (the generic attribute is not AllowMultiple for inheritance),
/// which left e.g. the license routes documented without their 401/403/422. A status the controller itself declares wins.
/// </summary>
internal sealed class InheritedResponseTypesConvention : IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        var declared = controller.Filters.OfType<ProducesResponseTypeAttribute>().Select(a => a.StatusCode).ToHashSet();
        for (var type = controller.ControllerType.BaseType; type is not null && type != typeof(ControllerBase); type = type.BaseType)
        {
            foreach (var attribute in type.GetCustomAttributes(inherit: false).OfType<ProducesResponseTypeAttribute>())
            {
                if (declared.Add(attribute.StatusCode))
                {
                    controller.Filters.Add(attribute);
                }
            }
        }
    }
}
