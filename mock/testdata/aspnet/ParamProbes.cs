// Probe actions that asked the real ASP.NET Web API stack how it binds URI and query
// parameters; mock/params.go answers what they showed (TestParams has one case per
// observation). To ask again: copy the ASP.NET reference implementation's folder (the DIR
// of interop/aspnet/record.sh), put this file in its src/,
// add -r:System.ComponentModel.DataAnnotations.dll to build.sh's mcs line and these routes
// before "DefaultApi" in ReferenceConfig.Register (Program.cs), then build.sh and run.sh:
//
//   foreach (var c in new[] { "guids", "ints", "nullints", "dates", "colors", "bools", "decimals" })
//       config.Routes.MapHttpRoute(c, "api/" + c + "/{id}", new { controller = c });
//   foreach (var c in new[] { "search", "list", "count", "filter", "laxfilter" })
//       config.Routes.MapHttpRoute(c, "api/" + c, new { controller = c });
//
// The reference is Mono's pre-release Web API 1: a parameter that does not convert gives
// Web API 2's 400 with the detail as a bare string (Web API 2: {"Message":"The request is
// invalid."}, MessageDetail with error detail on), and its action selector does not leave
// out actions whose required parameters are missing (Web API 2 does: 404, or 405 when an
// action of another method is selectable; ApiControllerActionSelector).
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Net.Http;
using System.Web.Http;

namespace Probes.Models
{
    public enum Color { Red = 1, Green = 2 }

    public class Filter
    {
        public int Size { get; set; }
        public Guid Owner { get; set; }
        [Range(1, 100)]
        public int Page { get; set; }
        [Required]
        public string Name { get; set; }
    }
}

namespace Probes.Controllers
{
    using Probes.Models;

    public class GuidsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(Guid id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    public class IntsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(int id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    public class NullIntsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(int? id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    public class DatesController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(DateTime id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    public class ColorsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(Color id) { return Ok(new Dictionary<string, object> { { "id", id.ToString() } }); }
    }
    public class BoolsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(bool id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    public class DecimalsController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(decimal id) { return Ok(new Dictionary<string, object> { { "id", id } }); }
    }
    // q required (no default), page nullable without default, size with a default.
    public class SearchController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(string q, int? page, int size = 10)
        {
            return Ok(new Dictionary<string, object> { { "q", q }, { "page", page }, { "size", size } });
        }
    }
    public class ListController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(int? page = null, string q = null, int take = 5)
        {
            return Ok(new Dictionary<string, object> { { "q", q }, { "page", page }, { "take", take } });
        }
    }
    public class CountController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get(int n) { return Ok(new Dictionary<string, object> { { "n", n } }); }
    }
    // [FromUri] class; the action answers ModelState, as the body actions do.
    public class FilterController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get([FromUri] Filter f)
        {
            if (!ModelState.IsValid) return BadRequest(ModelState);
            return Ok(f);
        }
    }
    // [FromUri] class; the action does not look at ModelState.
    public class LaxFilterController : AspNetReference.ReferenceApiController
    {
        public HttpResponseMessage Get([FromUri] Filter f)
        {
            return Ok(new Dictionary<string, object> { { "valid", ModelState.IsValid }, { "f", f } });
        }
    }
}
